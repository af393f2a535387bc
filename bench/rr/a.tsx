import { BrowserRouter, matchRoutes, useRoutes, useLocation, useNavigationType, useParams, Outlet, useHref, useLinkClickHandler } from 'react-router';
console.log(BrowserRouter, matchRoutes, useRoutes, useLocation, useNavigationType, useParams, Outlet, useHref, useLinkClickHandler);
