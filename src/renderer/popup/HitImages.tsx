/** The plate crop and the vehicle image; click (or Enter) to enlarge in a modal dialog. */
import { useRef, useState } from 'react';
import type { Hit } from '../../shared/protocol/hit.js';

export function HitImages({ images }: { images: Hit['images'] }): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [big, setBig] = useState<{ src: string; alt: string }>();
  const list = [
    images?.plate && { src: images.plate, alt: 'Plate image from the camera' },
    images?.vehicle && { src: images.vehicle, alt: 'Vehicle image from the camera' },
  ].filter((x): x is { src: string; alt: string } => Boolean(x));

  if (list.length === 0) return <p className="no-images">No camera images with this hit: compare the plate in LEADS/NCIC carefully.</p>;
  return (
    <div className="images">
      {list.map((img) => (
        <button
          key={img.alt}
          type="button"
          className="thumb"
          onClick={() => {
            setBig(img);
            dialog.current?.showModal();
          }}
          aria-label={`${img.alt}: enlarge`}
        >
          <img src={img.src} alt={img.alt} />
        </button>
      ))}
      <dialog ref={dialog} className="image-dialog" aria-label={big?.alt ?? 'Image'} onClick={() => dialog.current?.close()}>
        {big && <img src={big.src} alt={big.alt} />}
        <form method="dialog">
          <button type="submit" className="secondary" autoFocus>
            Close (Esc)
          </button>
        </form>
      </dialog>
    </div>
  );
}
