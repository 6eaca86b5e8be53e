export { useRoute, useRoutePath, navigate, RouteParams } from './useRoute.js';
export { Link } from './Link.js';
export { matchPath, pathOfHash, pathTo, type Route } from './match.js';
