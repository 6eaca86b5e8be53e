/** An anchor to a screen: a real `href` (middle-click, copy link address) and history the browser keeps. */
import type { AnchorHTMLAttributes } from 'react';

export function Link({ to, children, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>): React.JSX.Element {
  return (
    <a href={`#${to.startsWith('/') ? to : `/${to}`}`} {...rest}>
      {children}
    </a>
  );
}
