export { TextSizeControl } from './TextSizeControl';
export { ThemeToggle } from './ThemeToggle';
