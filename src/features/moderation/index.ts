export { AdminPage } from './AdminPage';
export { AdminSignIn } from './TokenForm';
