export { RelatedRail } from './RelatedRail';
