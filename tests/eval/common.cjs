// What both evaluations share: the npm tools, how a page is loaded, how Readability is run on it, how an
// extraction's HTML becomes the text that snippets are looked for in, and how feedproc's output is read.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

function tools(toolsDir) {
  const requireTool = createRequire(path.join(toolsDir, 'node_modules', 'index.js'));
  const { JSDOM, VirtualConsole } = requireTool('jsdom');
  const { Readability } = requireTool('@mozilla/readability');
  const quiet = new VirtualConsole();
  const dom = (html, url = 'http://fakehost/test/page.html') => new JSDOM(html, { url, virtualConsole: quiet });

  /** Mozilla Readability on a page, as a reader view runs it: title, date and content HTML, or {} when it fails. */
  function readability(html, url) {
    try {
      const article = new Readability(dom(html, url).window.document).parse() || {};
      return { title: article.title, published: article.publishedTime, content: article.content };
    } catch (e) {
      return {};
    }
  }

  /** The text of an extraction with all whitespace removed: snippets are matched whatever the line breaks. */
  const textOf = (html) => (html ? squeeze(dom(`<body>${html}</body>`).window.document.body.textContent) : '');

  return { dom, readability, textOf };
}

const squeeze = (text) => (text || '').replace(/\s+/g, '');
const collapse = (text) => (text || '').replace(/\s+/g, ' ').trim();

/**
 * Whether a date names the expected day. Two times with offsets are compared as instants (one tool may give
 * "2017-02-24T01:18:13+00:00" for the page's "2017-02-23T17:18:13-08:00"); a day alone is compared with the day as
 * written, in the page's own time zone.
 */
function sameDay(value, expected) {
  const timed = (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d.*(?:Z|[+-]\d\d:?\d\d)$/.test(String(v).trim());
  if (!value || !dayOf(value) || !dayOf(expected)) return false;
  if (timed(value) && timed(expected)) return new Date(value).toISOString().slice(0, 10) === new Date(expected).toISOString().slice(0, 10);
  return dayOf(value) === dayOf(expected);
}

/** The calendar day a date names, as written ("2019-08-02T00:30:00+02:00" is 2 August); null when it names none. */
function dayOf(value) {
  if (!value) return null;
  const written = /^(\d{4}-\d\d-\d\d)/.exec(String(value).trim());
  if (written) return written[1];
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

const sameTitle = (a, b) => collapse(a).toLowerCase() === collapse(b).toLowerCase();

/** The same title once a site name before or after a separator ("… | eHow", "Wikipedia - …", "… (CNET)") is set aside. */
function sameTitleButSiteName(a, b) {
  [a, b] = [collapse(a).toLowerCase(), collapse(b).toLowerCase()];
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (short.length < 10) return false;
  return (long.startsWith(short) && /^\s*(?:[|\-–—·•_:»/\[(]|::)/.test(long.slice(short.length)))
    || (long.endsWith(short) && /(?:[|\-–—·•_:»/]|::)\s*$/.test(long.slice(0, long.length - short.length)));
}


/** feedproc parse --kind html output (one JSON line per page), keyed by keyOf(path of the page). */
function readOurs(oursFile, keyOf) {
  const ours = new Map();
  for (const line of fs.readFileSync(oursFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const result = JSON.parse(line);
    const article = result.articles && result.articles[0];
    ours.set(keyOf(result.path), {
      title: article && article.title, published: article && article.published, content: article && article.contentHtml,
    });
  }
  return ours;
}

/** Precision, recall and F1 over all snippets, as trafilatura's comparison computes them. */
function scores(t) {
  const precision = t.tp / (t.tp + t.fp);
  const recall = t.tp / (t.tp + t.fn);
  return {
    f1: ((2 * precision * recall) / (precision + recall)).toFixed(3),
    precision: precision.toFixed(3),
    recall: recall.toFixed(3),
    accuracy: ((t.tp + t.tn) / (t.tp + t.tn + t.fp + t.fn)).toFixed(3),
  };
}

const newTally = () => ({
  tp: 0, fn: 0, fp: 0, tn: 0, empty: 0, titles: 0, titlesButSiteName: 0, titled: 0, dates: 0, dated: 0, extraDates: 0, failures: [],
});

/**
 * Adds one page to a tool's tally. `text` is the extraction's text without whitespace; `expected` holds the snippets
 * that must (`with`) and must not (`without`) be in it, and the page's title and date where they are known. A page
 * with no expected date that the tool dates anyway counts in extraDates.
 */
function score(tally, page, text, extraction, expected) {
  if (!text) tally.empty++;
  const misses = [];
  for (const s of expected.with) {
    if (text.includes(squeeze(s))) tally.tp++; else { tally.fn++; misses.push(`missing: ${s}`); }
  }
  for (const s of expected.without) {
    if (text.includes(squeeze(s))) { tally.fp++; misses.push(`extra: ${s}`); } else tally.tn++;
  }
  if (expected.title) {
    tally.titled++;
    if (sameTitleButSiteName(extraction.title, expected.title)) tally.titlesButSiteName++;
    if (sameTitle(extraction.title, expected.title)) tally.titles++;
    else misses.push(`title: ${JSON.stringify(extraction.title)} expected ${JSON.stringify(expected.title)}`);
  }
  if (dayOf(expected.date)) {
    tally.dated++;
    if (sameDay(extraction.published, expected.date)) tally.dates++;
    else misses.push(`date: ${extraction.published} expected ${expected.date}`);
  } else if (dayOf(extraction.published)) {
    tally.extraDates++;
  }
  if (misses.length) tally.failures.push({ page, misses });
}

module.exports = { tools, squeeze, readOurs, scores, newTally, score };
