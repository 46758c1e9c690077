// Runs Lighthouse on several pages in one Chromium and prints, as JSON, each
// page's four category scores and the audits that kept a category below 100.
//
// Usage: node lighthouse_scores.mjs <preset: mobile|desktop> <pages.json>
// where pages.json is [{"name": ..., "url": ..., "skipAudits": [...],
// "ignoreStatusCode": true|false}, ...]: Lighthouse refuses to judge a page
// answered with an error status unless told it is meant to be one, and the
// browser then logs that status as an error, which is no fault of the page.
// "held" names audits that weigh nothing in the scores but must pass too;
// those that fail, or are not run, are listed under "held".
import { readFileSync } from "node:fs";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function configFor(preset, page) {
  const base = preset === "desktop" ? desktopConfig : { extends: "lighthouse:default" };
  if (!page.ignoreStatusCode) return base;
  const ownStatus = {
    path: "errors-in-console",
    options: { ignoredPatterns: ["the server responded with a status of 404"] },
  };
  return { ...base, audits: [...(base.audits ?? []), ownStatus] };
}

// Now and then, mostly on a busy machine, Lighthouse fails to record a page
// load in a reused browser (NO_NAVSTART): its audits then error, which says
// nothing of the page. Such a run is tried again, twice at most.
const ATTEMPTS = 3;

async function judge(page, flags, config) {
  let lhr;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    ({ lhr } = await lighthouse(page.url, flags, config));
    const failed = Object.values(lhr.audits).some((a) => a.scoreDisplayMode === "error");
    if (!failed && !lhr.runtimeError) break;
  }
  return lhr;
}

const [preset, pagesFile] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(pagesFile, "utf8"));

function shortfalls(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.scoreDisplayMode === "error" || (audit.score ?? 1) < 1)
    .map((audit) => `${audit.id}: ${audit.errorMessage || audit.displayValue || audit.title}`);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: (process.env.LIGHTHOUSE_CHROME_FLAGS || "--headless=new --no-sandbox").split(" "),
});
const results = [];
try {
  for (const page of pages) {
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      skipAudits: page.skipAudits,
      ignoreStatusCode: page.ignoreStatusCode,
    };
    const lhr = await judge(page, flags, configFor(preset, page));
    const scores = {};
    const missed = {};
    for (const category of CATEGORIES) {
      scores[category] = Math.round((lhr.categories[category].score ?? 0) * 100);
      if (scores[category] < 100) missed[category] = shortfalls(lhr, category);
    }
    // A held audit this Lighthouse does not run (renamed, or left out of
    // the config) is a failure: passing it would hold nothing.
    const unheld = (page.held ?? [])
      .map((id) => lhr.audits[id] ?? { id, score: 0, title: "not run" })
      .filter((audit) => (audit.score ?? 1) < 1)
      .map((audit) => `${audit.id}: ${audit.displayValue || audit.title}`);
    if (unheld.length) missed.held = unheld;
    results.push({
      name: page.name,
      url: page.url,
      scores,
      missed,
      error: lhr.runtimeError?.message ?? null,
    });
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
