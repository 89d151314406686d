import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { pageWindow } from '../common/page-window';
import { Order } from './order.entity';
import { addressTokens, AddressQuery, classifySearchQuery } from './search-query';

export interface SearchPage {
  orders: Order[];
  total: number;
  page: number;
  pageCount: number;
}

export const SEARCH_PAGE_SIZE = 5;

/** Stored form of the address tokens: space-padded, so whole tokens can be matched with LIKE. */
export const searchAddressOf = (address: string) => ` ${addressTokens(address).join(' ')} `;

/**
 * «🔍 Поиск заказов» (docs/product.md §3.5): a phone matches the normalized phone exactly, `#N`
 * the order, anything else the address — every token, in any order. A number is a whole
 * token ("5" never finds "15"); a word matches by prefix ("ленин" finds "ленина").
 */
@Injectable()
export class OrderSearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(input: string, page = 0, pageSize = SEARCH_PAGE_SIZE): Promise<SearchPage> {
    const orders = this.dataSource.getRepository(Order).createQueryBuilder('o');
    const rest = await this.narrowExactly(orders, input);
    if (rest === 'nothing') return { orders: [], total: 0, page: 0, pageCount: 1 };
    if (rest !== 'narrowed') return this.searchAddress(orders, rest, page, pageSize);
    return this.pageOf(orders, await orders.getCount(), page, pageSize);
  }

  /**
   * Narrows a fresh query on `o` to what `input` finds, as the search does (the REST API adds
   * its filters and its own paging after); false when there is nothing to search for.
   */
  async narrow(orders: SelectQueryBuilder<Order>, input: string): Promise<boolean> {
    const rest = await this.narrowExactly(orders, input);
    if (rest === 'nothing') return false;
    if (rest !== 'narrowed') this.matchAddress(orders, rest);
    return true;
  }

  /**
   * Applies a phone or an order number to the query; an address is handed back, since the
   * search pages address matches its own way.
   */
  private async narrowExactly(
    orders: SelectQueryBuilder<Order>,
    input: string,
  ): Promise<'nothing' | 'narrowed' | AddressQuery> {
    const query = classifySearchQuery(input);
    switch (query.kind) {
      case 'empty':
        return 'nothing';
      case 'phone':
        orders.where('o.client_phone = :phone', { phone: query.phone });
        return 'narrowed';
      case 'order':
        orders.where('o.id = :id', { id: query.orderId });
        return 'narrowed';
      case 'orderOrAddress': {
        const exists = await this.dataSource.getRepository(Order).existsBy({ id: query.orderId });
        if (!exists) return query.address;
        orders.where('o.id = :id', { id: query.orderId });
        return 'narrowed';
      }
      case 'address':
        return query.address;
    }
  }

  private async pageOf(
    orders: SelectQueryBuilder<Order>,
    total: number,
    page: number,
    pageSize: number,
  ): Promise<SearchPage> {
    const window = pageWindow(page, total, pageSize);
    const found = await orders.orderBy('o.id', 'DESC').skip(window.offset).take(pageSize).getMany();
    return { orders: found, total, page: window.page, pageCount: window.pageCount };
  }

  private async searchAddress(
    orders: SelectQueryBuilder<Order>,
    address: AddressQuery,
    page: number,
    pageSize: number,
  ): Promise<SearchPage> {
    if (!address.tokens.length) return { orders: [], total: 0, page: 0, pageCount: 1 };
    if (this.dataSource.options.type === 'postgres') {
      this.matchAddress(orders, address);
      return this.pageOf(orders, await orders.getCount(), page, pageSize);
    }
    // The FTS index holds live orders only, so it alone counts the matches and picks the page
    // (newest first): no look-up of every match in "orders", however common the street.
    const match = ftsMatch(address);
    const [{ total }] = (await this.dataSource.query(
      'SELECT COUNT(*) AS total FROM orders_address_fts WHERE orders_address_fts MATCH ?',
      [match],
    )) as { total: number }[];
    const window = pageWindow(page, total, pageSize);
    const found = await orders
      .where(
        'o.id IN (SELECT rowid FROM orders_address_fts WHERE orders_address_fts MATCH :match ' +
          'ORDER BY rowid DESC LIMIT :take OFFSET :skip)',
        { match, take: pageSize, skip: window.offset },
      )
      .orderBy('o.id', 'DESC')
      .getMany();
    return { orders: found, total, page: window.page, pageCount: window.pageCount };
  }

  /** The address condition on `o`: the pg_trgm index on PostgreSQL, the FTS table on SQLite. */
  private matchAddress(orders: SelectQueryBuilder<Order>, address: AddressQuery) {
    if (!address.tokens.length) return orders.where('1 = 0');
    if (this.dataSource.options.type === 'postgres') {
      address.tokens.forEach((token, i) =>
        orders.andWhere(`o.search_address LIKE :t${i}`, { [`t${i}`]: likePattern(token) }),
      );
      return orders;
    }
    return orders.where(
      'o.id IN (SELECT rowid FROM orders_address_fts WHERE orders_address_fts MATCH :match)',
      { match: ftsMatch(address) },
    );
  }
}

const ftsMatch = (address: AddressQuery) =>
  address.tokens.map((token) => (isNumber(token) ? `"${token}"` : `"${token}"*`)).join(' AND ');
const isNumber = (token: string) => /^\d/.test(token);
const likePattern = (token: string) => (isNumber(token) ? `% ${token} %` : `% ${token}%`);
