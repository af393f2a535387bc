export { AdminPage } from './AdminPage';
export { TokenForm } from './TokenForm';
