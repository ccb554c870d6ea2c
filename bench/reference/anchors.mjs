#!/usr/bin/env node
// Independent reference for awesome-tools' `broken-anchor` rule.
//
// Why a second implementation: the Python rule parses with markdown-it-py and slugs with its
// own Unicode tables; this script parses with micromark/mdast (a different CommonMark+GFM
// parser, with exact positions on every node) and slugs with github-slugger, whose fixtures
// were rendered on GitHub. Agreement between the two on real lists is the evidence that our
// anchors are GitHub's. Used by tests/test_anchor_reference.py and bench/; never at run time.
//
// Usage: node anchors.mjs [--anchors] FILE...
// Prints JSON {FILE: {"broken": [{line, fragment}], "anchors": [...]?}} where `fragment` is
// the in-page fragment as written (without '#') that matches no anchor.
//
// GitHub's rules encoded here (see /work/shared/RESEARCH.md):
// - heading text as GitHub shows it: text, inline code and link text kept; images, HTML tags
//   (not their inner text) dropped; entities and backslash escapes decoded (by micromark);
// - github-slugger over that text, one slugger per document in order (repeats get -1, -2 ...);
// - HTML anchors: `id=` on any tag, `name=` on <a>; HTML comments hold nothing;
// - fragments: Markdown links and reference definitions whose destination starts with '#',
//   and `href="#..."` on HTML <a>; compared exactly (anchors are case-sensitive), raw or
//   percent-decoded (as browsers do); U+FE0F is part of an anchor like any other mark
//   (GitHub keeps it: `## ⚙️ Setup` is #%EF%B8%8F-setup, and a link without it lands nowhere);
// - always valid: `#top` in any letter case (HTML spec: the top of the document) and GitHub
//   line fragments `#L10`, `#L10-L20`, `#L3C4-L8C2` (markdownlint's accepted forms);
// - an empty fragment (`#`) is the `empty-link` rule's business, not this one's.
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

const LINE_FRAGMENT = /^L\d+$|^L\d+(?:C\d+)?-L\d+(?:C\d+)?$/;
const TAG = /<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the few entities that appear in attribute values. */
function decodeEntities(value) {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X'
        ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** The text GitHub shows for a heading's inline content. */
function visibleText(node) {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'break':
      return '';
    default:
      return (node.children || []).map(visibleText).join('');
  }
}

/** Blank out HTML comments, keeping newlines so line numbers stay right. */
function withoutComments(html) {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, ' '));
}

/** Scan an HTML node for anchors (id=, <a name=>) and in-page links (<a href="#...">). */
function scanHtml(node, anchors, fragments) {
  const value = withoutComments(node.value);
  const firstLine = node.position.start.line;
  for (const tag of value.matchAll(TAG)) {
    const name = tag[1].toLowerCase();
    const line = firstLine + (value.slice(0, tag.index).match(/\n/g) || []).length;
    for (const attr of tag[2].matchAll(ATTRIBUTE)) {
      const key = attr[1].toLowerCase();
      const raw = attr[2] ?? attr[3] ?? attr[4];
      if (raw === undefined) continue;
      const val = decodeEntities(raw);
      if (key === 'id' || (key === 'name' && name === 'a')) anchors.push(val);
      if (key === 'href' && name === 'a' && val.startsWith('#')) {
        fragments.push({ line, fragment: val.slice(1) });
      }
    }
  }
}

/** Walk the tree in document order, collecting anchors and in-page fragments. */
function collect(tree) {
  const slugger = new GithubSlugger();
  const anchors = [];
  const fragments = [];
  const visit = (node) => {
    if (node.type === 'heading') anchors.push(slugger.slug(visibleText(node)));
    if (node.type === 'html') scanHtml(node, anchors, fragments);
    if ((node.type === 'link' || node.type === 'definition') && node.url.startsWith('#')) {
      fragments.push({ line: node.position.start.line, fragment: node.url.slice(1) });
    }
    for (const child of node.children || []) visit(child);
  };
  visit(tree);
  return { anchors, fragments };
}

function percentDecoded(fragment) {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Whether a fragment reaches an anchor (or a place the browser always knows). */
function resolves(fragment, anchorSet) {
  for (const candidate of new Set([fragment, percentDecoded(fragment)])) {
    if (anchorSet.has(candidate)) return true;
    if (candidate.toLowerCase() === 'top' || LINE_FRAGMENT.test(candidate)) return true;
  }
  return false;
}

export function brokenAnchors(text) {
  const tree = fromMarkdown(text.replace(/^\uFEFF/, ''), {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
  const { anchors, fragments } = collect(tree);
  const anchorSet = new Set(anchors);
  const broken = fragments.filter((f) => f.fragment !== '' && !resolves(f.fragment, anchorSet));
  return { anchors, broken };
}

function main(argv) {
  const showAnchors = argv.includes('--anchors');
  const files = argv.filter((a) => a !== '--anchors');
  if (files.length === 0) {
    process.stderr.write('usage: anchors.mjs [--anchors] FILE...\n');
    return 2;
  }
  const out = {};
  for (const file of files) {
    const { anchors, broken } = brokenAnchors(readFileSync(file, 'utf8'));
    out[file] = showAnchors ? { broken, anchors } : { broken };
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
