import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEBSITE_REQUIREMENTS } from '../../../core/websites/requirements.ts';
import {
  CRAWL_ERRORS,
  DEFAULT_CRAWL_OPTIONS,
  SiteCrawler,
  crawlOptionsFrom,
  type CrawlOptions,
} from './crawler.ts';

/** A small school site on 127.0.0.1, with the traps a real one has. */
const requests: string[] = [];
const requestTimes: number[] = [];
let base = '';
const server = http.createServer((req, res) => {
  const path = req.url ?? '/';
  requests.push(path);
  requestTimes.push(Date.now());
  const html = (body: string) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Школа № 1</title></head><body>${body}</body></html>`);
  };
  switch (path) {
    case '/robots.txt':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\n');
      return;
    case '/':
      return html(
        '<a href="/sveden/">Сведения об образовательной организации</a>' +
          '<a href="/private/results">Результаты мониторинга</a>' +
          '<a href="/old-docs">Архив</a><a href="/huge">Большая страница</a>' +
          '<a href="/plan.pdf">План</a><a href="/inside">Внутренний</a>' +
          '<a href="https://other.example/">Чужой сайт</a>',
      );
    case '/sveden/':
      return html(
        '<h1>Сведения об образовательной организации</h1><a href="/sveden/managers">Руководство</a>',
      );
    case '/sveden/managers':
      return html('<h2>Руководство</h2><a href="/sveden/employees/deep">Педагогический состав</a>');
    case '/old-docs':
      res.writeHead(301, { location: '/sveden/document' });
      res.end();
      return;
    case '/sveden/document':
      return html('<h1>Документы</h1>');
    case '/huge':
      res.writeHead(200, { 'content-type': 'text/html' });
      // 3 MB with no Content-Length: the cap must count while reading.
      for (let i = 0; i < 3 * 1024; i++) res.write('<p>' + 'я'.repeat(500) + '</p>');
      res.end('<h1>Образование</h1>');
      return;
    case '/plan.pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4 Образование');
      return;
    case '/inside':
      res.writeHead(302, { location: 'http://10.20.30.40/admin' });
      res.end();
      return;
    case '/to-private':
      res.writeHead(302, { location: 'http://192.168.0.1/' });
      res.end();
      return;
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    default:
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Не найдено</h1>');
  }
});

const options = (over: Partial<CrawlOptions> = {}): CrawlOptions => ({
  ...DEFAULT_CRAWL_OPTIONS,
  delayMs: 0,
  timeoutMs: 2000,
  allowHosts: ['127.0.0.1'],
  ...over,
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('website crawler against a local site', () => {
  it('finds the required sections, obeys robots.txt, follows a redirect, skips a huge page and a PDF', async () => {
    requests.length = 0;
    const crawler = new SiteCrawler(options());
    const outcome = await crawler.crawl(base + '/', DEFAULT_WEBSITE_REQUIREMENTS);
    crawler.close();
    expect(outcome.error).toBeNull();
    const found = Object.fromEntries(outcome.found.map((f) => [f.code, f.url]));
    expect(found).toEqual({
      sveden: `${base}/sveden/`,
      managers: `${base}/sveden/managers`,
      // found by the link text on the «Руководство» page (depth 2 is not crawled further)
      employees: `${base}/sveden/employees/deep`,
      documents: `${base}/sveden/document`,
    });
    // robots.txt: the disallowed page is never requested, and its link text does not count
    expect(requests).not.toContain('/private/results');
    expect(found.monitoring).toBeUndefined();
    expect(outcome.skipped).toEqual(
      expect.arrayContaining([
        { url: `${base}/private/results`, reason: CRAWL_ERRORS.robots },
        { url: `${base}/huge`, reason: CRAWL_ERRORS.tooLarge },
        { url: `${base}/plan.pdf`, reason: 'не HTML' },
        { url: `${base}/inside`, reason: CRAWL_ERRORS.private },
      ]),
    );
    // «Образование» sits only at the end of the huge page and in the PDF: neither is parsed
    expect(found.education).toBeUndefined();
    // same host only
    expect(requests.some((r) => r.includes('other.example'))).toBe(false);
    // depth ≤ 2: the page linked from depth 2 is not fetched
    expect(requests).not.toContain('/sveden/employees/deep');
  });

  it('stops at the page limit', async () => {
    const crawler = new SiteCrawler(options({ maxPages: 1 }));
    const outcome = await crawler.crawl(base + '/', DEFAULT_WEBSITE_REQUIREMENTS);
    crawler.close();
    expect(outcome.pagesVisited).toBe(1);
    expect(outcome.found.map((f) => f.code)).toEqual(['sveden']);
  });

  it('refuses a redirect to a private address, and loopback itself when not allowed', async () => {
    const allowed = new SiteCrawler(options());
    expect((await allowed.crawl(base + '/to-private', DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(
      CRAWL_ERRORS.private,
    );
    expect((await allowed.crawl(base + '/loop', DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(
      CRAWL_ERRORS.tooManyRedirects,
    );
    allowed.close();
    requests.length = 0;
    const strict = new SiteCrawler(options({ allowHosts: [] }));
    expect((await strict.crawl(base + '/', DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(CRAWL_ERRORS.private);
    strict.close();
    expect(requests).toEqual([]);
  });

  it('names a site that does not answer, a disallowed site and a bad address', async () => {
    const crawler = new SiteCrawler(options({ timeoutMs: 300 }));
    const silent = http.createServer(() => undefined); // accepts and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    expect((await crawler.crawl(`http://127.0.0.1:${port}/`, DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(
      CRAWL_ERRORS.timeout,
    );
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    expect((await crawler.crawl(`http://127.0.0.1:${port}/`, DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(
      CRAWL_ERRORS.noResponse,
    );
    expect((await crawler.crawl(base + '/private/x', DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(
      CRAWL_ERRORS.robots,
    );
    expect((await crawler.crawl('ftp://school.example/', DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(
      CRAWL_ERRORS.badUrl,
    );
    expect((await crawler.crawl(null, DEFAULT_WEBSITE_REQUIREMENTS)).error).toBe(CRAWL_ERRORS.badUrl);
    crawler.close();
  });

  it('pauses between two requests to the site', async () => {
    requestTimes.length = 0;
    const crawler = new SiteCrawler(options({ delayMs: 40, maxPages: 3 }));
    await crawler.crawl(base + '/', DEFAULT_WEBSITE_REQUIREMENTS);
    crawler.close();
    expect(requestTimes.length).toBeGreaterThanOrEqual(3);
    const gaps = requestTimes.slice(1).map((t, i) => t - requestTimes[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(35);
  });

  it('reads CRAWLER_ALLOW_HOSTS and sends a User-Agent naming pedmonitor', () => {
    expect(crawlOptionsFrom({ CRAWLER_ALLOW_HOSTS: '127.0.0.1, ::1' }).allowHosts).toEqual([
      '127.0.0.1',
      '::1',
    ]);
    expect(crawlOptionsFrom({}).allowHosts).toEqual([]);
    expect(DEFAULT_CRAWL_OPTIONS.userAgent).toMatch(/pedmonitor/);
    expect(() => crawlOptionsFrom({ CRAWLER_MAX_PAGES: 'много' })).toThrow(/CRAWLER_MAX_PAGES/);
  });
});
