/** Simple line icons, one per category, so a category is never told by colour alone. */
import type { IconName } from '../model/categoryLook.js';

const PATHS: Record<IconName, string> = {
  // a small child: head and body
  child: 'M12 4a2.2 2.2 0 1 1 0 4.4A2.2 2.2 0 0 1 12 4zM8.5 10h7l-1 5h-1.5l-.5 5h-2l-.5-5H9.5z',
  // an elder with a cane
  elder: 'M10 3.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM8 9h4l1 5-2 .5-.5 5.5h-2l-.5-6zM15 11v9h1.4v-9a1.2 1.2 0 0 0-1.4 0z',
  // an exclamation in a triangle
  felony: 'M12 3 2 20h20zM11 9h2v6h-2zM11 16.5h2v2h-2z',
  // a car
  car: 'M5 11l2-5h10l2 5h1v6h-2v2h-2v-2H8v2H6v-2H4v-6zM7.5 11h9l-1.2-3.2H8.7zM7 13.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zM17 13.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z',
  // a person silhouette
  person: 'M12 3a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7zM4 21c0-4.5 3.6-8 8-8s8 3.5 8 8z',
  // a magnifier
  search: 'M10 3a7 7 0 0 1 5.6 11.2l5 5-1.4 1.4-5-5A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  // a card (registration)
  card: 'M3 5h18v14H3zM5 7v10h14V7zM6.5 9h6v1.5h-6zM6.5 12h9v1.5h-9z',
  // a shield
  shield: 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5zm0 2.2 6 2.2V11c0 3.9-2.5 7.4-6 8.8-3.5-1.4-6-4.9-6-8.8V6.4z',
  // a list
  list: 'M4 5h2v2H4zM8 5h12v2H8zM4 11h2v2H4zM8 11h12v2H8zM4 17h2v2H4zM8 17h12v2H8z',
  dot: 'M12 6a6 6 0 1 1 0 12 6 6 0 0 1 0-12z',
};

export function CategoryIcon({ name, size = 24 }: { name: IconName; size?: number }): React.JSX.Element {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="cat-icon">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
