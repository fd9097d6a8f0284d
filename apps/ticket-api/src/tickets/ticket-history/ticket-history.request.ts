import { PageQueryParams } from '../shared/page-query.params';

export class TicketHistoryQueryParams extends PageQueryParams {}
