/** The category as colour + icon + words; mandatory categories say so. */
import { CATEGORY_LABELS, isMandatory, type Category } from '../../shared/protocol/categories.js';
import { CATEGORY_LOOK } from '../model/categoryLook.js';
import { CategoryIcon } from './CategoryIcon.js';

export function CategoryBadge({ category, size = 'large' }: { category: Category; size?: 'large' | 'small' }): React.JSX.Element {
  const look = CATEGORY_LOOK[category];
  return (
    <span
      className={`cat-badge cat-${size}`}
      data-category={category}
      data-testid="category-badge"
      style={{ background: look.background, color: look.foreground }}
    >
      <CategoryIcon name={look.icon} size={size === 'large' ? 34 : 18} />
      <span>{CATEGORY_LABELS[category]}</span>
      {size === 'large' && isMandatory(category) && <span className="cat-mandatory">mandatory</span>}
    </span>
  );
}
