import type {
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
} from 'typeorm';

/**
 * Which page of a list to read.
 *
 * @publicApi
 */
export interface PageQuery {
  /** 1-based. @default 1 */
  page?: number;
  /** @default 20, at most 100 */
  pageSize?: number;
}

/**
 * One page of a list, newest first.
 *
 * @publicApi
 */
export interface PaymentsPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Reads one page of orders matching `where`, newest first (ties broken by id, so pages are stable).
 *
 * @internal
 */
export async function findPage<
  T extends ObjectLiteral & { id: string; createdAt: Date },
>(
  repository: Repository<T>,
  where: FindOptionsWhere<T>,
  query: PageQuery,
): Promise<PaymentsPage<T>> {
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 20)));
  const [items, total] = await repository.findAndCount({
    where,
    order: { createdAt: 'DESC', id: 'ASC' } as FindOptionsOrder<T>,
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  return { items, total, page, pageSize };
}
