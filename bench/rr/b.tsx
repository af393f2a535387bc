import { BrowserRouter, matchRoutes, useRoutes, useLocation, useNavigationType, useParams, Outlet, Link, NavLink } from 'react-router';
console.log(BrowserRouter, matchRoutes, useRoutes, useLocation, useNavigationType, useParams, Outlet, Link, NavLink);
