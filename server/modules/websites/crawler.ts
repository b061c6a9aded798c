import http from 'node:http';
import https from 'node:https';
import * as cheerio from 'cheerio';
import robotsParser from 'robots-parser';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import {
  matchRequirement,
  type PageFacts,
  type WebsiteRequirementRule,
} from '../../../core/websites/requirements.ts';

/**
 * The website crawler: one organization's site, politely. Every request goes through an agent that refuses
 * private, loopback and link-local addresses (request-filtering-agent checks the address after DNS, so a
 * name that resolves inward is refused too) on every redirect hop; robots.txt is obeyed; only the start
 * page's host is followed, to depth `maxDepth`, at most `maxPages` pages; bodies are counted while read and
 * abandoned past `maxBytes`; only text/html is parsed.
 */

export interface CrawlOptions {
  maxPages: number;
  maxDepth: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Pause between two requests to the site (robots.txt Crawl-delay wins when longer, up to 10 s). */
  delayMs: number;
  /** Addresses (IPs or CIDRs) allowed although private: CRAWLER_ALLOW_HOSTS, for tests on 127.0.0.1. */
  allowHosts: string[];
  userAgent: string;
}

export const DEFAULT_CRAWL_OPTIONS: CrawlOptions = {
  maxPages: 30,
  maxDepth: 2,
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
  delayMs: 500,
  allowHosts: [],
  userAgent: 'pedmonitor-website-check/1.0 (website monitoring of a municipal education department)',
};

/** CRAWLER_* environment settings over the defaults. */
export function crawlOptionsFrom(env: NodeJS.ProcessEnv): CrawlOptions {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`Некорректное значение ${name}: «${raw}». Укажите неотрицательное число.`);
    return value;
  };
  return {
    ...DEFAULT_CRAWL_OPTIONS,
    maxPages: num('CRAWLER_MAX_PAGES', DEFAULT_CRAWL_OPTIONS.maxPages),
    timeoutMs: num('CRAWLER_TIMEOUT_MS', DEFAULT_CRAWL_OPTIONS.timeoutMs),
    delayMs: num('CRAWLER_DELAY_MS', DEFAULT_CRAWL_OPTIONS.delayMs),
    maxBytes: num('CRAWLER_MAX_BYTES', DEFAULT_CRAWL_OPTIONS.maxBytes),
    allowHosts: (env.CRAWLER_ALLOW_HOSTS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** Why a site (or a page) could not be read, in Russian, as the results table shows it. */
export const CRAWL_ERRORS = {
  badUrl: 'адрес сайта не указан или некорректен (нужен http:// или https://)',
  noResponse: 'сайт не отвечает',
  timeout: 'сайт не отвечает (превышено время ожидания)',
  private: 'адрес во внутренней сети запрещён',
  robots: 'robots.txt запрещает обход сайта',
  tooLarge: 'страница слишком большая',
  tooManyRedirects: 'слишком много перенаправлений',
  notHtml: 'главная страница не является HTML-документом',
  status: (code: number) => `сайт ответил ошибкой ${code}`,
} as const;

export class CrawlError extends Error {}

interface Fetched {
  url: string;
  status: number;
  contentType: string;
  body: string | null;
}

export interface RequirementHit {
  code: string;
  url: string;
}

export interface CrawlOutcome {
  /** The site could not be read at all (start page refused, unreachable, disallowed). */
  error: string | null;
  pagesVisited: number;
  found: RequirementHit[];
  /** Pages skipped and why, for the log and the tests. */
  skipped: { url: string; reason: string }[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isPrivateRefusal(error: unknown) {
  return error instanceof Error && /is not allowed/.test(error.message);
}

export class SiteCrawler {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /** When the previous answer ended: the pause is counted from there, so a slow answer never shortens it. */
  private lastAnswerAt = 0;
  private crawlDelayMs: number;

  constructor(private readonly options: CrawlOptions) {
    const filter = { allowIPAddressList: options.allowHosts, keepAlive: false };
    this.httpAgent = new RequestFilteringHttpAgent(filter);
    this.httpsAgent = new RequestFilteringHttpsAgent(filter);
    this.crawlDelayMs = options.delayMs;
  }

  close() {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async politeWait() {
    const wait = this.lastAnswerAt + this.crawlDelayMs - Date.now();
    if (wait > 0) await sleep(wait);
  }

  /** One GET without following redirects: the status, the Location, and the body for text/html only. */
  private requestOnce(url: URL, wantBody: (contentType: string) => boolean) {
    return new Promise<Fetched & { location: string | null }>((resolve, reject) => {
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.get(
        url,
        {
          agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
          headers: { 'user-agent': this.options.userAgent, accept: 'text/html,text/plain;q=0.9,*/*;q=0.1' },
          timeout: this.options.timeoutMs,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
          const location = typeof res.headers.location === 'string' ? res.headers.location : null;
          const declared = Number(res.headers['content-length'] ?? NaN);
          res.on('error', () => undefined); // a body abandoned below must not surface as an unhandled error
          if ((status >= 300 && status < 400) || !wantBody(contentType) || status >= 400) {
            res.destroy(); // a PDF or a redirect's body is not read
            resolve({ url: url.href, status, contentType, body: null, location });
            return;
          }
          if (Number.isFinite(declared) && declared > this.options.maxBytes) {
            res.destroy();
            reject(new CrawlError(CRAWL_ERRORS.tooLarge));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.options.maxBytes) {
              res.destroy();
              reject(new CrawlError(CRAWL_ERRORS.tooLarge));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({
              url: url.href,
              status,
              contentType,
              body: Buffer.concat(chunks).toString('utf8'),
              location,
            }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new CrawlError(CRAWL_ERRORS.timeout)));
      req.on('error', (error) => {
        if (error instanceof CrawlError) reject(error);
        else if (isPrivateRefusal(error)) reject(new CrawlError(CRAWL_ERRORS.private));
        else reject(new CrawlError(CRAWL_ERRORS.noResponse));
      });
    });
  }

  /** GET following at most `maxRedirects` redirects, each hop through the filtering agent. */
  async fetch(start: string, wantBody: (contentType: string) => boolean): Promise<Fetched> {
    let url = new URL(start);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CrawlError(CRAWL_ERRORS.badUrl);
      await this.politeWait();
      const res = await this.requestOnce(url, wantBody).finally(() => {
        this.lastAnswerAt = Date.now();
      });
      if (res.status >= 300 && res.status < 400 && res.location) {
        if (hop >= this.options.maxRedirects) throw new CrawlError(CRAWL_ERRORS.tooManyRedirects);
        url = new URL(res.location, url);
        continue;
      }
      return res;
    }
  }

  /** Crawls one site for the requirements, breadth first from its address. */
  async crawl(siteUrl: string | null, rules: readonly WebsiteRequirementRule[]): Promise<CrawlOutcome> {
    const outcome: CrawlOutcome = { error: null, pagesVisited: 0, found: [], skipped: [] };
    let start: URL;
    try {
      start = new URL(siteUrl && !/^[a-z]+:\/\//i.test(siteUrl) ? `http://${siteUrl}` : (siteUrl ?? ''));
      if (start.protocol !== 'http:' && start.protocol !== 'https:') throw new Error('protocol');
    } catch {
      return { ...outcome, error: CRAWL_ERRORS.badUrl };
    }
    const isHtml = (type: string) => type.startsWith('text/html') || type.startsWith('application/xhtml');
    let robots: ReturnType<typeof robotsParser> | null = null;
    try {
      const robotsUrl = new URL('/robots.txt', start).href;
      const res = await this.fetch(robotsUrl, (type) => type.startsWith('text/plain') || type === '');
      if (res.status === 200 && res.body !== null) {
        robots = robotsParser(robotsUrl, res.body);
        const delay = robots.getCrawlDelay(this.options.userAgent);
        if (delay) this.crawlDelayMs = Math.max(this.crawlDelayMs, Math.min(delay, 10) * 1000);
      }
    } catch (error) {
      // A refused address stops the site; a missing robots.txt does not.
      if (error instanceof CrawlError && error.message !== CRAWL_ERRORS.tooLarge)
        return { ...outcome, error: error.message };
    }
    const allowed = (url: string) => !robots || robots.isAllowed(url, this.options.userAgent) !== false;
    if (!allowed(start.href)) return { ...outcome, error: CRAWL_ERRORS.robots };

    const found = new Map<string, string>();
    const seen = new Set<string>([start.href]);
    const queue: { url: string; depth: number }[] = [{ url: start.href, depth: 0 }];
    let host: string | null = null;
    while (queue.length && outcome.pagesVisited < this.options.maxPages && found.size < rules.length) {
      const { url, depth } = queue.shift()!;
      let page: Fetched;
      try {
        page = await this.fetch(url, isHtml);
      } catch (error) {
        const reason = error instanceof CrawlError ? error.message : CRAWL_ERRORS.noResponse;
        if (host === null) return { ...outcome, error: reason };
        outcome.skipped.push({ url, reason });
        continue;
      }
      const finalUrl = new URL(page.url);
      if (host === null) {
        if (page.status >= 400) return { ...outcome, error: CRAWL_ERRORS.status(page.status) };
        if (page.body === null) return { ...outcome, error: CRAWL_ERRORS.notHtml };
        host = finalUrl.host;
      } else if (finalUrl.host !== host) {
        outcome.skipped.push({ url, reason: 'перенаправление на другой сайт' });
        continue;
      }
      if (page.body === null) {
        outcome.skipped.push({ url, reason: page.status >= 400 ? `ошибка ${page.status}` : 'не HTML' });
        continue;
      }
      outcome.pagesVisited++;
      const facts = factsOf(page.url, page.body, host);
      // A link robots.txt forbids is neither followed nor taken as evidence: nobody checked what is there.
      facts.links = facts.links.filter((link) => {
        if (allowed(link.url)) return true;
        if (!seen.has(link.url)) outcome.skipped.push({ url: link.url, reason: CRAWL_ERRORS.robots });
        seen.add(link.url);
        return false;
      });
      for (const rule of rules) {
        if (found.has(rule.code)) continue;
        const where = matchRequirement(rule, facts);
        if (where) found.set(rule.code, where);
      }
      if (depth >= this.options.maxDepth) continue;
      for (const link of facts.links) {
        if (seen.has(link.url)) continue;
        seen.add(link.url);
        queue.push({ url: link.url, depth: depth + 1 });
      }
    }
    outcome.found = [...found].map(([code, url]) => ({ code, url }));
    return outcome;
  }
}

/** Headings and same-host links of a page (fragments dropped, http(s) only). */
export function factsOf(pageUrl: string, html: string, host: string): PageFacts {
  const $ = cheerio.load(html);
  const headings = [
    $('title').text(),
    ...$('h1, h2, h3')
      .map((_, el) => $(el).text())
      .get(),
  ].filter((t) => t.trim() !== '');
  const links: PageFacts['links'] = [];
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href');
    if (!href) return;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host) return;
    url.hash = '';
    links.push({ text: $(el).text(), url: url.href });
  });
  return { url: pageUrl, headings, links };
}
