// The shapes the redactor finds in free text: one alternation compiled once per redactor, so a
// line is scanned in a single left-to-right pass and no replacement is scanned twice.
import { isIPv6 } from 'node:net';

/**
 * A match may start where none of `chars` precedes it, or right after a percent-escape
 * (`https%3A%2F%2Fauth.acme.io`, `Bearer%20eyJ…`): URL-encoded values hide nothing.
 */
function after(chars: string): string {
  return String.raw`(?:(?<=%[0-9A-Fa-f]{2})|(?<![${chars}]))`;
}

const PEM = String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)`;
const JWT = String.raw`${after('A-Za-z0-9_-')}eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){1,4}`;
// `Authorization: Bearer x` / `Cookie: …` on a line of its own, after a quote (`-H 'Cookie: …'`),
// after curl -v's `> ` / `< ` (a space after it: `<ns:tag>` is markup), or after an escaped newline
// inside a JSON string.
// Inside a quote or an escaped string the value stops at the next quote or backslash; on a line of
// its own it runs to the line end (`error: load config: session.secret="x"` keeps its quoted part).
// A Go MySQL DSN at a line start (`user:pw@tcp(db:3306)/x`) is not a header, nor is Go's `x := y`.
const HEADER_LINE = String.raw`(?:^|(?<=[\n\r'"]|\\[nr]))[ \t]*(?:[<>][ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?!\/\/|=|[^\s/:]+@(?:tcp6?|udp|unix)\()[ \t]*("(?:[^"\\\r\n]|\\.)*"(?=[ \t]*(?:$|[\r\n'"\\]))|'[^'\r\n]*'(?=[ \t]*(?:$|[\r\n'"\\]))|(?<=(?:^|[\n\r])[ \t]*(?:[<>][ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*:[ \t]*)(?:[^\r\n\\]|\\(?![rn](?:\\[rn])?(?:[A-Za-z][\w-]{0,64}:[ \t]|\\[rn]|"|$)))*|[^\r\n'"\\]*)`;
// At a line start the value runs to the line's end, but not past an escaped line break that starts
// the next header (`Authorization: Bearer x\r\nX-Api-Key: y`, a request dump in a JSON string).
// `Bearer%20x` and `Bearer+x` (URL- and form-encoded) hide nothing either.
const SCHEME = String.raw`\b([Bb]earer|DPoP|[Bb]asic)(\s+|%20|\+)([A-Za-z0-9._~+/-]{8,}=*)`;
// "key": "value" (JSON) and 'key': 'value' (Python reprs, bytes and raw strings too: b'x'). A key may
// hold colons: .NET configuration writes a setting's path as `"Authplane:ClientSecret"`.
const KV_QUOTED = String.raw`(?<q>["'])([A-Za-z_][\w.:-]*)\k<q>(\s*:\s*)(?:[bru]?"((?:[^"\\]|\\.)*)"|[bru]?'((?:[^'\\]|\\.)*)')`;
// \"key\":\"value\" : JSON quoted inside a JSON string (a message that embeds a claims object),
// at any level of escaping (the backslash run before each quote is the same).
const KV_ESCAPED = String.raw`(?<bs>\\+)"([A-Za-z_][\w.:-]*)\k<bs>"(\s*:\s*)\k<bs>"([^"\\]*)\k<bs>"`;
// `sub: u-1` / `{Sub:u-1 UserID:u-2}` (Go's %+v) inside a line: the few names that always hold an identity.
const ID_COLON = String.raw`(?<![\w.-])(sub|Sub|[uU]ser_?[iI][dD]|[uU]ser_?[nN]ame|[aA]ctor_?[iI][dD])(:[ \t]?)(?<iq>["']?)([^\s"',;{}\[\]()<>/][^\s"',;{}\[\]()<>]*)\k<iq>`;
// key=value (slog text, query strings, audit detail, DSN options), and `key = value` / `key = 'value'`
// (INI, TOML, shell and Python assignments quoted in a log line). A key starts a word or follows a
// flag's dashes (`--client-secret=x`), never the middle of `a-b-c`, and is at most 128 characters
// long: that keeps long runs linear. `==` is a comparison, and a backtick ends a bare value (Markdown
// code: `AUTHPLANE_VAULT_TOKEN=root`).
const KV = String.raw`(?<![\w.]|[\w.]-)([A-Za-z_][\w.-]{0,127})(=(?!=)|[ \t]+=(?!=)[ \t]*|=[ \t]+)(?:[bru]?"((?:[^"\\]|\\.)*)"|[bru]?'([^'\r\n]*)'|([^\s&"',;<>)\]}\x60]*))`;
// Schemes are short (bounded so that a long dotted run costs linear time).
// `redis://:password@host` has no user: the password alone is still a credential. A password may
// hold `@` itself (`u:p@ss@db`): the last `@` before the path or the query ends it.
const URL_CREDS = String.raw`\b([a-zA-Z][a-zA-Z0-9+.-]{0,31}:\/\/)(?:([^\s:\/@"'<>\[\]]+)|(?=:))(?::([^\s\/?#"'<>]*))?@`;
// key%3Dvalue inside a percent-encoded URL (`redirect_uri=…%3Fcode%3D…%26state%3D…`).
const ENC_KV = String.raw`(?:(?<=%3[Ff])|(?<=%26)|(?<=%23))([A-Za-z_][\w.-]*)%3[Dd]((?:[^%&\s"'<>]|%(?!26)[0-9A-Fa-f]{2})*)`;
// `secret cs_live_…`, `token rt_…`, `admin API key: 9f86…`, `the session secret is …` in prose: a
// credential-shaped word right after the words naming it (`client_secret` names one too). Only the
// key phrases that name a credential count: a `signing key <kid>` stays readable.
const KEY_PHRASE = '(?:[Aa]pi|API|[Aa]dmin|ADMIN|[Aa]ccess|[Ss]ecret|[Pp]rivate|[Mm]aster|MASTER|[Ee]ncryption|ENCRYPTION)[ _-]?(?:[Kk]ey|KEY)';
// A `key=value` pair after the word (`revoked machine_token jti=…`) is not the secret: the pair's own
// rule judges it.
// Between the name and the value: `:`, `=`, `is`, `was`, `is now`, `now`, `set to`, or just a space.
const PROSE_LINK = String.raw`(?:[ \t]*[:=][ \t]*|[ \t]+(?:(?:(?:is|was)(?:[ \t]+now)?|now|(?:set|changed|reset)[ \t]+to)[ \t]+)|[ \t]+)`;
const PROSE_SECRET = String.raw`(?<![A-Za-z0-9])([Ss]ecret|[Pp]assword|[Pp]asswd|[Tt]oken|[Cc]redential|[Pp]epper|[Ss]ecret[ _]id|DEK|KEK|${KEY_PHRASE})(s?${PROSE_LINK})(?![A-Za-z_][\w.-]*=[\w"'])([A-Za-z0-9._~+/=-]{16,})(?![\w.~+/=-])`;
// `password is Tr0ub4dor&3`: a password said in a sentence may be short and hold any punctuation.
const PROSE_PASSWORD = String.raw`(?<![A-Za-z0-9])([Pp]ass(?:word|wd|phrase)|PASSWORD)([ \t]+(?:(?:is|was)(?:[ \t]+now)?|(?:set|changed|reset)[ \t]+to)[ \t]+)([^\s"'<>]{6,})`;
// Go's MySQL driver DSN has no scheme: `user:password@tcp(host:3306)/db`.
const GO_DSN = String.raw`(?<![\w.:-])([A-Za-z0-9_.-]+):([^\s/:]+)@(?=(?:tcp6?|udp|unix)\()`;
// Service (`hvs.`), batch (`hvb.`) and recovery tokens; the legacy `s.` and `b.` forms.
const VAULT = String.raw`${after('\\w')}hv[sbr]\.[A-Za-z0-9_-]{20,}|${after('\\w.')}s\.[A-Za-z0-9]{24}(?!\w)|${after('\\w.')}b\.[A-Za-z0-9_-]{24,}(?![\w.-])`;
// RFC 5322 local parts: a first character that cannot be a delimiter, then any atext or dot. The
// delimiter-like ones (`'`, `/`, `=`, `?`, `&`, `{`, `|`, `}`, `` ` ``) are allowed after the
// first character only, so `'a@b.io'` does not swallow the quote. A local part has at most 64
// characters and never starts after a dot: both keep a long dotted run (`a.a.a.…`) linear to scan.
const EMAIL_START = "A-Za-z0-9_!#$%*+^~-";
// The local part leaves out `=`, `?` and `&`, which the standard allows: in a log they are a query
// string's (`/oauth/authorize?login_hint=alice%40acme.io&…`), whose path and names must stay readable.
const EMAIL = String.raw`${after('\\w.!#$%*+^~-')}[${EMAIL_START}][.'/\x60{|}${EMAIL_START}]{0,63}(?:@|%40)(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
// `Chrome/120.0.0.0` in a user agent is a product version, not an address.
const IPV4 = String.raw`${after('\\w.')}(?<![A-Za-z]\/)${OCTET}(?:\.${OCTET}){3}(?!\w|\.\d)`;
// An IPv4-embedded tail (`::ffff:203.0.113.9`) is part of the address, never left behind.
const IPV6 = String.raw`(?<![\w:.])(?=[0-9a-fA-F:]*:[0-9a-fA-F]*:)(?:[0-9a-fA-F:]{2,29}:${OCTET}(?:\.${OCTET}){3}|[0-9a-fA-F:]{2,39})(?![\w:]|\.\d)`;
const HOST = String.raw`${after('\\w.%-')}(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])`;
// A long base64 run with no key naming it (a PEM body line without its BEGIN line, a raw key or
// secret): judged by the redactor (base64Secret), which keeps paths and plain words.
const BLOB = String.raw`(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=_.-])`;
// `map[password:hunter2]` (Go %v), `{api_key: "x"}` (YAML flow, JS objects) inside a line: a key
// ending in a secret word, a colon, a value. The redactor judges the key (keys.ts) and the value.
const SECRET_WORD = '(?:[Pp]ass(?:word|wd)?|PASS(?:WORD|WD)?|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Cc]redentials?|CREDENTIALS?|[Pp]epper|PEPPER|[Rr]ole_?I[Dd]|ROLE_ID)';
// A quoted value may hold spaces in a Go dump (`Password:"my pass phrase"`: an exported field, no
// space after the colon) or as an object member (`{ user: 'bob', password: 'a b c' }`: after `{` or
// `,`); the lookbehind lets that branch run only there, so prose such as `invalid token: "token is
// malformed"` keeps its words. Names are bounded (64) so that a run such
// as `tokentoken…` costs linear time, not quadratic.
const NAMED_COLON = String.raw`(?<![\w.-])((?:[A-Za-z_][\w-]{0,64}?)?${SECRET_WORD}[\w-]{0,64})(:[ \t]?)(?<ncq>["']?)((?<=(?:(?<![\w.-])[A-Z][\w-]{0,64}:|[{,][ \t]*[A-Za-z_][\w-]{0,64}:[ \t]?)["'])[^"'\r\n]+|(?:[^\s"',;{}\[\]()<>\\]|\\(?![rnt]))+)\k<ncq>`;
// Command-line flags in a logged command: `--password x`, `--client-secret x`, `curl -u user:pass`,
// AuthPlane's dotted flags (`--session.secret 'a b'`), a quoted value taken whole.
const FLAG = String.raw`(?<![\w-])(--?(?:[a-z0-9.-]{0,64}?(?:pass(?:word|wd)?|secret|token|key|credentials?)|u|user))([ \t]+)("[^"\r\n]*"|'[^'\r\n]*'|[^\s"'-][^\s"']*)`;
// `<clientSecret>x</clientSecret>` (XML and SOAP bodies, .NET and Java config).
const XML_ELEMENT = String.raw`<(?<xk>[A-Za-z_][\w.:-]*)>([^<>\r\n]{1,512})</\k<xk>>`;
// `"NAME=a value with spaces"` as one quoted word: `docker run -e "…"`, a compose flow list
// `environment: ["…"]`, an argv element. The name owns the whole quoted rest.
const QUOTED_ASSIGN = String.raw`(?<aq>["'])([A-Za-z_][\w.]*)=([^"'\r\n]*)\k<aq>`;
// A base64 word short of BLOB's forty characters, standing alone: the redactor decodes it, and
// `client:secret` in it (an Authorization value without its `Basic`, `echo … | base64 -d`) is a
// credential. Base64 as HTTP Basic writes it: padded, so its length is a multiple of four.
const BASIC_PAIR = String.raw`(?<![A-Za-z0-9+/=_.-])(?:[A-Za-z0-9+/]{4}){2,9}[A-Za-z0-9+/]{2}(?:[A-Za-z0-9+/]{2}|[A-Za-z0-9+/]=|==)(?![A-Za-z0-9+/=_.-])`;
const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;
/** Private-network suffixes: cluster DNS and the TLDs operators use for their own networks. */
const INTERNAL_SUFFIX = `(?:${['svc(?:.cluster.local)?', 'cluster.local', 'internal', 'local', 'lan', 'corp', 'intranet', 'localdomain', 'home.arpa'].map(anyCase).join('|')})`;

/** `svc.x` → `[sS][vV][cC]\.[xX]`: the master pattern has no `i` flag, hostnames are case-blind. */
function anyCase(word: string): string {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/\./g, '\\.');
}
const INTERNAL_HOST = String.raw`${after('\\w.%-')}(?:${LABEL}\.)+${INTERNAL_SUFFIX}(?![\w-]|\.[A-Za-z0-9])`;
/** Cheap pre-check: text that may hold an in-cluster or private-network hostname. */
export const INTERNAL_HINT = /\.(?:svc|cluster|internal|local|lan|corp|intranet|localdomain|home)(?![\w-])/i;
/** True for an in-cluster or private-network hostname (`pg-primary.db.svc`, `vault.internal`). */
export const INTERNAL_HOST_EXACT = new RegExp(String.raw`^(?:${LABEL}\.)+${INTERNAL_SUFFIX}\.?$`, 'i');
// Go's http.Header or url.Values printed with %v: `map[Authorization:[Bearer x] Cookie:[a=1; b=2]]`,
// `map[client_secret:[x] grant_type:[client_credentials]]`. A value holds no `[` and is bounded
// (8 KB), so that many unclosed `Name:[` on one line cannot make a scan quadratic.
const GO_HEADER = String.raw`(?<=[\[ ])([A-Za-z_][\w-]{0,64}):\[([^\[\]\r\n]{0,8192})\]`;
// Cloud and forge credentials with a fixed prefix: caught even when secretlint has not read the text.
const WELL_KNOWN = String.raw`(?<![\w-])(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{16,}|npm_[A-Za-z0-9]{36})(?![\w-])`;

/** Group numbers of the master pattern, fixed by the order of the alternatives above. */
export const G = {
  pem: 1, jwt: 2, header: 3, headerKey: 4, headerValue: 5, scheme: 6, schemeName: 7, schemeWs: 8, schemeToken: 9,
  kvq: 10, kvqQuote: 11, kvqKey: 12, kvqSep: 13, kvqDq: 14, kvqSq: 15,
  kve: 16, kveBs: 17, kveKey: 18, kveSep: 19, kveValue: 20,
  idc: 21, idcKey: 22, idcSep: 23, idcQuote: 24, idcValue: 25,
  kv: 26, kvKey: 27, kvSep: 28, kvQuoted: 29, kvSingle: 30, kvBare: 31,
  url: 32, urlScheme: 33, urlUser: 34, urlPass: 35, goHeader: 36, goHeaderKey: 37, goHeaderValue: 38,
  encKv: 39, encKvKey: 40, encKvValue: 41, prose: 42, proseWord: 43, proseWs: 44, proseToken: 45,
  wellKnown: 46, vault: 47, email: 48, ipv4: 49, ipv6: 50, host: 51, blob: 52,
  named: 53, namedKey: 54, namedSep: 55, namedQuote: 56, namedValue: 57, flag: 58, flagName: 59, flagWs: 60, flagValue: 61,
  prosePw: 62, prosePwWord: 63, prosePwLink: 64, prosePwValue: 65, goDsn: 66, goDsnUser: 67, goDsnPass: 68,
  xml: 69, xmlKey: 70, xmlValue: 71, qAssign: 72, qAssignQuote: 73, qAssignKey: 74, qAssignValue: 75, basicPair: 76,
} as const;

/** Cheap pre-check for NAMED_COLON and FLAG (bounded runs: it is tried at every position). */
const NAMED_HINT = /(?:ass(?:word|wd)?|ASS(?:WORD|WD)?|ecret|ECRET|oken|OKEN|[Kk]ey|KEY|redentials?|REDENTIALS?|epper|EPPER|ole_?I[Dd]|OLE_ID)[\w-]{0,64}["']?:|-(?:u|user|[a-z0-9.-]{0,64}(?:pass|secret|token|key|credential)[a-z]{0,32})[ \t]/;
/** Cheap pre-check for PROSE_SECRET. */
const PROSE_HINT = new RegExp(`ecret[ \\t:=_]|assw|ASSW|oken[ \\t:=]|redential|epper|DEK|KEK|${KEY_PHRASE}`);
/** Cheap pre-check for QUOTED_ASSIGN. */
const QUOTED_ASSIGN_HINT = /["'][A-Za-z_][\w.]{0,64}=/;
/** Cheap pre-check for BLOB: forty base64 characters in a row. */
const BLOB_HINT = /[A-Za-z0-9+/]{40}/;

/** Alternatives only some text can match, each with a cheap "may match" test on the whole text. */
const OPTIONAL = {
  emails: (s: string) => s.includes('@') || s.includes('%40'),
  encoded: (s: string) => s.includes('%3D') || s.includes('%3d'),
  prose: (s: string) => PROSE_HINT.test(s),
  escaped: (s: string) => s.includes('\\"'),
  idColon: (s: string) => /(?:[Ss]ub|[Ii][Dd]|[Nn]ame):/.test(s),
  goHeader: (s: string) => s.includes(':['),
  wellKnown: (s: string) => /A(?:KIA|SIA|BIA|CCA|Iza)|gh[pousr]_|github_pat_|glpat-|xox|_live_|npm_/.test(s),
  blob: (s: string) => BLOB_HINT.test(s),
  named: (s: string) => NAMED_HINT.test(s),
  goDsn: (s: string) => /@(?:tcp6?|udp|unix)\(/.test(s),
  xml: (s: string) => s.includes('</'),
  quotedAssign: (s: string) => QUOTED_ASSIGN_HINT.test(s),
};
type Optional = keyof typeof OPTIONAL;
const OPTIONAL_KEYS = Object.keys(OPTIONAL) as Optional[];
/** Every optional alternative switched on. */
export const ALL_OPTIONAL = (1 << OPTIONAL_KEYS.length) - 1;

/** The optional alternatives `s` may need, as a bit mask for masterPattern(). */
export function optionalMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < OPTIONAL_KEYS.length; i++) if (OPTIONAL[OPTIONAL_KEYS[i]!](s)) mask |= 1 << i;
  return mask;
}

/**
 * The master pattern. The host alternative finds the operator's hostnames: any hostname when the
 * caller named its own domains (the redactor checks each), else in-cluster/private names only
 * (`internal`), else none. `mask` (see optionalMask) switches off alternatives the text cannot
 * match: each is tried at every position of a line, so leaving them out saves real time.
 */
export function masterPattern(hosts: 'any' | 'internal' | 'none', mask = ALL_OPTIONAL): RegExp {
  // A switched-off alternative keeps as many capturing groups as it had, so that G stays right.
  const on = (re: string, k: Optional) => (mask & (1 << OPTIONAL_KEYS.indexOf(k)) ? `(${re})` : `((?!)${'()'.repeat(groupCount(re))})`);
  const host = hosts === 'any' ? HOST : hosts === 'internal' ? INTERNAL_HOST : '';
  const alts = [
    `(${PEM})`, `(${JWT})`, `(${HEADER_LINE})`, `(${SCHEME})`, `(${KV_QUOTED})`, on(KV_ESCAPED, 'escaped'), on(ID_COLON, 'idColon'),
    `(${KV})`, `(${URL_CREDS})`, on(GO_HEADER, 'goHeader'), on(ENC_KV, 'encoded'), on(PROSE_SECRET, 'prose'),
    on(WELL_KNOWN, 'wellKnown'), `(${VAULT})`, on(EMAIL, 'emails'), `(${IPV4})`, `(${IPV6})`, host ? `(${host})` : '((?!))', // still a group, so that the ones after it keep their numbers
    on(BLOB, 'blob'), on(NAMED_COLON, 'named'), on(FLAG, 'named'), on(PROSE_PASSWORD, 'prose'), on(GO_DSN, 'goDsn'), on(XML_ELEMENT, 'xml'),
    on(QUOTED_ASSIGN, 'quotedAssign'), `(${BASIC_PAIR})`,
  ];
  return new RegExp(alts.join('|'), 'g');
}

/** How many capturing groups a pattern source has (an empty alternative lets exec report them all). */
function groupCount(re: string): number {
  return new RegExp(`${re}|`).exec('')!.length - 1;
}

/**
 * Cheap pre-check: text without any of these characters or words cannot hold a pattern. Twelve
 * base64 characters in a row may be an unpadded `client:secret` (BASIC_PAIR).
 */
export const MAYBE = new RegExp(String.raw`[.:=@'"]|<\/|[Bb]earer|[Bb]asic|DPoP|-----BEGIN|AKIA|ASIA|AIza|_live_|gh[pousr]_|github_pat_|glpat-|xox|npm_|ecret[ _]|assw|ASSW|oken |redential|epper|DEK|KEK|${KEY_PHRASE}|[A-Za-z0-9+/]{12}`);

export const IPV4_ANY = new RegExp(IPV4, 'g');
/** A private key block, terminated or cut off at the end of the text. */
export const PEM_ANY = new RegExp(PEM, 'g');
export const EMAIL_EXACT = new RegExp(`^${EMAIL}$`);

/** True for an IPv6 literal (with `::` or most of its groups), not a time like 09:16:11. */
export function isIpv6Literal(s: string): boolean {
  if (!s.includes('::') && s.split(':').length < 6) return false;
  return isIPv6(s);
}

/** Loopback and unspecified addresses identify nobody and help debugging: kept. */
export function isBoringIp(ip: string): boolean {
  // 0.0.0.0/8 is "this network", never a peer: `0.2.0.0` is a four-part version (.NET assemblies).
  return ip.startsWith('127.') || ip.startsWith('0.') || ip === '::1' || ip === '::' || ip === '255.255.255.255';
}

/**
 * A base64 run that is key material rather than a path or a word: upper case, lower case and digits,
 * and either one stretch of 24 or more characters between `/` and `+` (random base64 has few of
 * them; a path has short segments) or capitals in a quarter of its letters.
 */
export function base64Secret(run: string): boolean {
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/\d/.test(run)) return false;
  if (run.split(/[/+]/).some((part) => part.replace(/=+$/, '').length >= 24)) return true;
  // Random base64 is about half capitals; a mixed-case path or name has a few.
  const letters = run.replace(/[^A-Za-z]/g, '');
  return letters.replace(/[^A-Z]/g, '').length >= letters.length / 4;
}

/** A bearer-ish credential rather than an English word or a `key=` fragment. */
export function looksLikeCredential(t: string): boolean {
  if (/^[A-Za-z_]+=+$/.test(t)) return false;
  return /\d/.test(t) || (/[a-z]/.test(t) && /[A-Z]/.test(t)) || t.length >= 24;
}

const ERROR_WORDS = new Set(['conflict', 'unauthorized', 'forbidden', 'ok', 'none', 'null', 'unknown', 'denied']);

/** An OAuth error code (`invalid_grant`), a status number or an empty value: not an authorization code. */
export function isErrorCodeLike(v: string): boolean {
  // A plain lower-case word is a verdict (`code=killed` from systemd), never a random code.
  return v === '' || /^\d{1,4}$/.test(v) || /^[a-z]+(?:_[a-z]+)+$/.test(v) || /^[a-z]{2,16}$/.test(v) || ERROR_WORDS.has(v) || /^Err[A-Z]\w+$/.test(v)
    // gRPC status names (`rpc error: code = Unavailable`, the OTLP exporters), errno and Node codes
    // (`ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`), SQLSTATE (`23505`), a signal's `code=0x1`:
    // a random code is mixed-case base64url and never one of these.
    || GRPC_CODES.has(v) || (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(v) && v.length <= 40) || /^[0-9A-Z]{5}$/.test(v) || /^0x[0-9a-f]{1,8}$/i.test(v);
}

const GRPC_CODES = new Set(['OK', 'Canceled', 'Cancelled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
  'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated']);

/**
 * Values that are already redacted, or name where a secret lives rather than hold it: `$NAME`,
 * `${NAME}`, `${NAME:-}`, `${NAME:?message}` (shell, compose), `$(NAME)` (a Kubernetes env
 * reference). A non-empty default (`${NAME:-x}`) is a value, so it is not one of them.
 */
export function isPlaceholder(v: string): boolean {
  // A bare `$NAME` is a reference only in one case (`$DB_PASS`, `$db_pass`): `$ecretPass123` is a
  // password that starts with a dollar sign. `$(cat` is a command substitution cut at its space.
  return v === '' || v.startsWith('[REDACTED') || v.startsWith('[JWT') || /^\$(?:\{[A-Za-z_]\w*(?::?-|:?\?[^}]*)?\}|\([A-Za-z_]\w*\)|\([a-z][\w.-]*|[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)$/.test(v)
    || /^(?:env|file|vault):[\w/.-]+$/.test(v);
}

const COOKIE_ATTRS = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'secure', 'httponly', 'partitioned', 'priority']);

/** Cookie header values: keep cookie names and attributes, replace every cookie value. */
export function redactCookieValue(v: string, marker: string): { out: string; n: number } {
  let n = 0;
  // A value ends at `,` too: `Set-Cookie: a=1; Path=/, b=2` folds two cookies into one line.
  const out = v.replace(/([^\s;=,]+)=([^;,]*)/g, (m, name: string) => {
    if (COOKIE_ATTRS.has(name.toLowerCase())) return m;
    n++;
    return `${name}=${marker}`;
  });
  if (n === 0 && v.trim() !== '') return { out: marker, n: 1 };
  return { out, n };
}
