import fc from 'fast-check';

import {
	parseXmlGeneric,
	parseXmlSafely,
	PlumXmlError,
	refuseDeclarations,
	trimXmlStart,
} from '../../../nodes/shared/xml/parseXml';
import { readSimpleXml } from '../../../nodes/shared/xml/simpleXml';
import { thrownBy } from '../../helpers/thrownBy';

const RUNS = 10_000;
const PROPERTY_TIMEOUT_MS = 180_000;

/** What parseXmlSafely does before it chooses a path, then the generic path; undefined result when it throws. */
function generic(text: string, arrayPaths: string[]): { document?: Record<string, unknown>; error?: unknown } {
	try {
		const source = trimXmlStart(text);
		refuseDeclarations(source);
		return { document: parseXmlGeneric(source, { arrayPaths }) };
	} catch (error) {
		return { error };
	}
}

function simple(text: string, arrayPaths: string[] = []): Record<string, unknown> | undefined {
	return readSimpleXml(trimXmlStart(text), new Set(arrayPaths));
}

/** Deep equality including key order. */
function expectSameDocument(actual: unknown, expected: unknown): void {
	expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
	expect(actual).toEqual(expected);
}

function xmlError(run: () => unknown): PlumXmlError {
	return thrownBy(run, PlumXmlError);
}

// ---- Generated documents. Every piece says whether the fast reader must leave the document to the generic path.

interface Piece {
	text: string;
	fallback: boolean;
}

const join = (pieces: Piece[]): Piece => ({
	text: pieces.map((piece) => piece.text).join(''),
	fallback: pieces.some((piece) => piece.fallback),
});

const plain = (text: string): Piece => ({ text, fallback: false });
const odd = (text: string): Piece => ({ text, fallback: true });

/** Names shared by elements, attributes and arrayPaths, few enough that siblings and paths repeat. */
const COMMON_NAMES = ['a', 'b', 'call', 'x.y', 'a-b', '_u', 'B2', 'xml', 'xmlns', 'phone_list'];
/** Names the fast reader leaves alone: inherited from Object.prototype, prefixed, or not ASCII. */
const TRICKY_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'a:b', 'xmlns:p', 'é', 'naïve'];

const XML_SPACE = fc.constantFrom(' ', '\n', '\t', '\r\n', '\r', '  ', '\n    ');
const optionalSpace = fc.oneof(fc.constant(''), XML_SPACE);

const REFERENCES = [
	'&amp;',
	'&lt;',
	'&gt;',
	'&quot;',
	'&apos;',
	'&#65;',
	'&#x42;',
	'&#x1F600;',
	'&#233;',
	'&#0000065;',
	'&#xfffd;',
	'&#0;', // not a character: left as written by both paths
	'&#xD800;',
	'&#1114112;',
	'&#x110000;',
	'&amp;lt;',
	'&#32;', // decoded after trimming, so encoded whitespace at the ends stays
	'&#x20;',
	'&#10;',
	'&#xA0;',
];
/**
 * References the validator accepts or not, but which the fast reader leaves to the generic path. Each ends so
 * that no following piece can complete it into a valid reference ('&amp' + ';' would).
 */
const ODD_REFERENCES = ['& ', '&nbsp;', '&#X41;', '&#x;', '&#;', '&#00000065;', '&#x0000041;', '&amp ', '&#65 '];

const arrayPathsArbitrary = fc.array(
	fc.array(fc.constantFrom(...COMMON_NAMES), { minLength: 1, maxLength: 3 }).map((names) => names.join('.')),
	{ maxLength: 2 },
);

interface GeneratedAttribute {
	name: Piece;
	text: string;
	fallback: boolean;
}

interface GeneratedElement {
	name: string;
	text: string;
	fallback: boolean;
	/** Dot paths of this element and all elements inside it, for arrayPaths. */
	paths: string[];
}

type GeneratedContent =
	| { kind: 'empty'; selfClosing: boolean }
	| { kind: 'text'; text: Piece }
	| { kind: 'children'; children: GeneratedElement[]; gaps: Piece[] };

function renderElement(
	name: Piece,
	attributes: GeneratedAttribute[],
	openSpace: string,
	closeSpace: string,
	content: GeneratedContent,
): GeneratedElement {
	const attributeNames = attributes.map((attribute) => attribute.name.text);
	let fallback =
		name.fallback ||
		attributes.some((attribute) => attribute.fallback || attribute.name.fallback) ||
		new Set(attributeNames).size !== attributeNames.length; // repeated attribute: the validator refuses it
	const paths = [name.text];
	const open = `<${name.text}${attributes.map((attribute) => attribute.text).join('')}${openSpace}`;
	const close = `</${name.text}${closeSpace}>`;
	if (content.kind === 'empty') {
		return { name: name.text, text: content.selfClosing ? `${open}/>` : `${open}>${close}`, fallback, paths };
	}
	if (content.kind === 'text') {
		return {
			name: name.text,
			text: `${open}>${content.text.text}${close}`,
			fallback: fallback || content.text.fallback,
			paths,
		};
	}
	const parts = [`${open}>`];
	content.children.forEach((child, index) => {
		parts.push(content.gaps[index].text, child.text);
		fallback = fallback || child.fallback || content.gaps[index].fallback;
		for (const path of child.paths) paths.push(`${name.text}.${path}`);
	});
	const lastGap = content.gaps[content.children.length];
	parts.push(lastGap.text, close);
	return { name: name.text, text: parts.join(''), fallback: fallback || lastGap.fallback, paths };
}

interface GeneratedDocument {
	text: string;
	arrayPaths: string[];
	/** Whether the document is inside the subset the fast reader reads. */
	inSubset: boolean;
}

/**
 * Documents built from pieces; with `withOdd`, now and then a piece outside the subset (a tricky name, an odd
 * reference, a comment, mixed text, a repeated attribute…), which must make the fast reader return undefined.
 */
function documentArbitrary(withOdd: boolean): fc.Arbitrary<GeneratedDocument> {
	/** The plain choices, plus the odd ones only when asked for. */
	const pieces = (plainChoices: Array<fc.WeightedArbitrary<Piece>>, oddChoice: fc.Arbitrary<Piece>) =>
		fc.oneof(...plainChoices, ...(withOdd ? [{ arbitrary: oddChoice, weight: 1 }] : []));

	const name = pieces(
		[
			{ arbitrary: fc.constantFrom('a', 'b').map(plain), weight: 30 },
			{ arbitrary: fc.constantFrom(...COMMON_NAMES).map(plain), weight: 60 },
			{
				arbitrary: fc
					.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,5}$/)
					.map((text) => (text in Object.prototype ? odd(text) : plain(text))),
				weight: 15,
			},
		],
		fc.constantFrom(...TRICKY_NAMES).map(odd),
	);

	const valuePiece = (extraOdd: string[]) =>
		pieces(
			[
				{ arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019 ;#x=/?!-]:.'), maxLength: 6 }).map(plain), weight: 60 },
				{ arbitrary: fc.constantFrom(...REFERENCES).map(plain), weight: 30 },
				{ arbitrary: fc.constantFrom(' ', '\n', '\t', '\r\n', '\r', '\u00a0', '\u2028', '\ufeff').map(plain), weight: 30 },
				{ arbitrary: fc.constantFrom('é', '😀', '中', '>', ']]>', '"', "'", '\u0001').map(plain), weight: 20 },
			],
			fc.constantFrom(...ODD_REFERENCES, ...extraOdd).map(odd),
		);

	const text = fc.array(valuePiece(['<![CDATA[x]]>', '<!-- c -->', '<?pi x?>']), { maxLength: 5 }).map(join);

	const attribute: fc.Arbitrary<GeneratedAttribute> = fc
		.record({
			name,
			value: fc.array(valuePiece(['<']), { maxLength: 4 }).map(join),
			singleQuoted: fc.boolean(),
			before: XML_SPACE,
			beforeEquals: optionalSpace,
			afterEquals: optionalSpace,
		})
		.map(({ name: attributeName, value, singleQuoted, before, beforeEquals, afterEquals }) => {
			// The value may not hold its own quote character.
			const quote = value.text.includes('"') ? "'" : value.text.includes("'") ? '"' : singleQuoted ? "'" : '"';
			const raw = value.text.split(quote).join('');
			return {
				name: attributeName,
				text: `${before}${attributeName.text}${beforeEquals}=${afterEquals}${quote}${raw}${quote}`,
				fallback: value.fallback,
			};
		});

	// Whitespace between child elements, or something that makes it mixed content.
	const gap = pieces(
		[{ arbitrary: optionalSpace.map(plain), weight: 40 }],
		fc.constantFrom('x', ' x ', '\u00a0', '<!-- c -->', '<![CDATA[ ]]>', '<?pi?>', '&amp;').map(odd),
	);

	const { element } = fc.letrec<{ element: GeneratedElement }>((tie) => ({
		element: fc
			.record({
				name,
				attributes: fc.array(attribute, { maxLength: 3 }),
				openSpace: optionalSpace,
				closeSpace: fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: XML_SPACE, weight: 1 }),
				content: fc.oneof(
					{ depthSize: 'max', maxDepth: 4 },
					{ arbitrary: fc.record({ kind: fc.constant('empty' as const), selfClosing: fc.boolean() }), weight: 1 },
					{ arbitrary: fc.record({ kind: fc.constant('text' as const), text }), weight: 2 },
					{
						arbitrary: fc
							.array(tie('element'), { minLength: 1, maxLength: 4 })
							.chain((children) =>
								fc.record({
									kind: fc.constant('children' as const),
									children: fc.constant(children),
									gaps: fc.array(gap, { minLength: children.length + 1, maxLength: children.length + 1 }),
								}),
							),
						weight: 3,
					},
				),
			})
			.map(({ name: elementName, attributes, openSpace, closeSpace, content }) =>
				renderElement(elementName, attributes, openSpace, closeSpace, content),
			),
	}));

	const prolog = pieces(
		[
			{
				arbitrary: fc
					.tuple(
						fc.constantFrom('', '\ufeff', '\n\n', '\ufeff  \r\n'),
						fc.constantFrom(
							'',
							'<?xml version="1.0"?>',
							"<?xml version='1.0' encoding='UTF-8'?>",
							'<?xml?>',
							'<?xml version="1.0" standalone="yes" ?>',
							'<?xml\tversion="1.0"\n?>',
						),
						optionalSpace,
					)
					.map(([start, declaration, space]) => plain(`${start}${declaration}${declaration ? space : ''}`)),
				weight: 20,
			},
		],
		fc
			.constantFrom(
				'<?xml-stylesheet href="a"?>',
				'<?xml version="1.0?>',
				'<?xml version="a?>b"?>',
				'<?php x ?>',
				'<!-- c -->',
				'<?xml version="1.0"?><!-- c -->\n',
				'<?xml version="1.0"?>x',
			)
			.map(odd),
	);

	const epilog = pieces(
		[{ arbitrary: optionalSpace.map(plain), weight: 20 }],
		fc.constantFrom('<!-- c -->', '<?pi x?>', '\n<b/>', 'x', '\u00a0').map(odd),
	);

	return fc
		.record({ prolog, root: element, epilog })
		.chain(({ prolog: before, root, epilog: after }) =>
			fc
				.tuple(
					// Paths found in the document (below the root) and a few made up, which may name the root.
					fc.subarray(root.paths.slice(1), { maxLength: Math.min(4, root.paths.length - 1) }),
					arrayPathsArbitrary,
				)
				.map(([found, madeUp]) => {
					const arrayPaths = [...found, ...madeUp];
					return {
						text: `${before.text}${root.text}${after.text}`,
						arrayPaths,
						// A root listed in arrayPaths becomes an array, which parseXmlSafely refuses: left to the generic path.
						inSubset: !before.fallback && !root.fallback && !after.fallback && !arrayPaths.includes(root.name),
					};
				}),
		);
}

const anyDocumentArbitrary = fc.oneof(documentArbitrary(false), documentArbitrary(true));

// ---- Damaged and random texts.

const MUTATION_PIECES = [
	'<', '>', '/', '&', ';', '"', "'", '=', ' ', '\n', '\r', '!', '?', '#', 'x', 'a', ':', '\u00a0',
	'<a>', '</a>', '<b/>', '<!--', '-->', ']]>', '<![CDATA[', '&amp;', '&#', '&#x41;', '<?xml ?>', ' a="1"',
];

const mutationArbitrary = fc.record({
	kind: fc.constantFrom('truncate', 'delete', 'insert', 'replace', 'duplicate'),
	at: fc.nat(),
	length: fc.integer({ min: 1, max: 12 }),
	piece: fc.constantFrom(...MUTATION_PIECES),
});

type Mutation = typeof mutationArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

function mutate(text: string, mutations: Mutation[]): string {
	let result = text;
	for (const { kind, at, length, piece } of mutations) {
		const position = at % (result.length + 1);
		if (kind === 'truncate') result = result.slice(0, position);
		else if (kind === 'delete') result = result.slice(0, position) + result.slice(position + length);
		else if (kind === 'insert') result = result.slice(0, position) + piece + result.slice(position);
		else if (kind === 'replace') result = result.slice(0, position) + piece + result.slice(position + length);
		else result = result.slice(0, position) + result.slice(position, position + length) + result.slice(position);
	}
	return result;
}

const TOKENS = [
	'<?xml version="1.0"?>', '<a>', '</a>', '<b>', '</b>', '<a/>', '<b />', '<a x="1">', "<b y='&amp;'>", '<a x="1" x="2">',
	'text', ' ', '\n', '&amp;', '&', '&#65;', '&nbsp;', '<!-- c -->', '<![CDATA[&amp;]]>', '<?pi?>', '<', '>', '/', '"',
	'<__proto__>', '</__proto__>', '<a:b>', '</a:b>', '<!DOCTYPE a>', '=', "'", '<a', 'x="1"', '/>',
];

const tokenSoupArbitrary = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((tokens) => tokens.join(''));

const characterSoupArbitrary = fc.string({
	unit: fc.constantFrom(...'<>/ab =\'"&;#?!x-\n'),
	maxLength: 40,
});

/** The promise of the fast reader on any text: never a document the generic path refuses or reads differently. */
function checkAgainstGeneric(text: string, arrayPaths: string[]): void {
	const expected = generic(text, arrayPaths);
	const fast = simple(text, arrayPaths);
	if (expected.error !== undefined) {
		expect(fast).toBeUndefined();
	} else if (fast !== undefined) {
		expectSameDocument(fast, expected.document);
	}
}

describe('readSimpleXml: properties', () => {
	it(
		'reads every generated document inside the subset exactly as the generic path does, and leaves the rest to it',
		() => {
			fc.assert(
				fc.property(anyDocumentArbitrary, ({ text, arrayPaths, inSubset }) => {
					const expected = generic(text, arrayPaths);
					const fast = simple(text, arrayPaths);
					if (inSubset) {
						expect(expected.error).toBeUndefined();
						expect(fast).toBeDefined();
						expectSameDocument(fast, expected.document);
						expectSameDocument(parseXmlSafely(text, { arrayPaths }), expected.document);
					} else {
						expect(fast).toBeUndefined();
					}
				}),
				{ numRuns: RUNS },
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it(
		'never returns a document for a damaged document the generic path refuses, nor a different one',
		() => {
			fc.assert(
				fc.property(
					anyDocumentArbitrary,
					fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
					({ text, arrayPaths }, mutations) => checkAgainstGeneric(mutate(text, mutations), arrayPaths),
				),
				{ numRuns: RUNS },
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it(
		'never returns a document for random markup the generic path refuses, nor a different one',
		() => {
			fc.assert(
				fc.property(fc.oneof(tokenSoupArbitrary, characterSoupArbitrary), arrayPathsArbitrary, (text, arrayPaths) =>
					checkAgainstGeneric(text, arrayPaths),
				),
				{ numRuns: RUNS },
			);
		},
		PROPERTY_TIMEOUT_MS,
	);
});

// ---- Real shapes.

// objectToXml('call_details', deploymentResult(0)) from bench/trigger.js, as the sandbox posts it.
const CALL_DETAILS = `<?xml version="1.0"?>
<call_details>
    <call_id>500000000</call_id>
    <max_attempts>1</max_attempts>
    <attempts>1</attempts>
    <events>
        <event>
            <event>queued</event>
            <timestamp>1764590400</timestamp>
        </event>
        <event>
            <event>dialing</event>
            <timestamp>1764590401</timestamp>
        </event>
        <event>
            <event>connected</event>
            <timestamp>1764590431</timestamp>
        </event>
        <event>
            <event>disconnected</event>
            <timestamp>1764590470</timestamp>
        </event>
    </events>
    <phone_number>&apos;6175551234&apos;</phone_number>
    <status>completed</status>
    <queued_timestamp>1764590400</queued_timestamp>
    <start_timestamp>1764590431</start_timestamp>
    <end_timestamp>1764590470</end_timestamp>
    <last_attempt_timestamp>1764590401</last_attempt_timestamp>
    <reattempt_wait>0</reattempt_wait>
    <duration>39</duration>
</call_details>
`;

// Plum's documented queuecalls.php answer (plum-docs/outbound-webservice-api.md), with Windows line ends.
const QUEUECALLS_ANSWER = [
	'<?xml version="1.0"?>',
	'<queuecalls status="success">',
	'    <login>user</login>',
	'    <campaign_name>SunnyCamp</campaign_name>',
	'    <start_url>http://charles.plumgroup.com/~schan/src/charles/vxml/start.php</start_url>',
	'    <phone_list>',
	'        <call call_id="112897970">',
	'            <phone_number>tel:+19492222222;ani=8009957586</phone_number>',
	'        </call>',
	'        <call call_id="112897971">',
	'            <phone_number>tel:+19492222223;ani=8009957586</phone_number>',
	'        </call>',
	'    </phone_list>',
	'</queuecalls>',
].join('\r\n');

const CALL_LIST = ['queuecalls.phone_list.call'];

describe('readSimpleXml: Plum documents', () => {
	it('reads the call_details callback the benchmark posts, events as an array', () => {
		const expected = {
			call_details: {
				call_id: '500000000',
				max_attempts: '1',
				attempts: '1',
				events: {
					event: [
						{ event: 'queued', timestamp: '1764590400' },
						{ event: 'dialing', timestamp: '1764590401' },
						{ event: 'connected', timestamp: '1764590431' },
						{ event: 'disconnected', timestamp: '1764590470' },
					],
				},
				phone_number: "'6175551234'",
				status: 'completed',
				queued_timestamp: '1764590400',
				start_timestamp: '1764590431',
				end_timestamp: '1764590470',
				last_attempt_timestamp: '1764590401',
				reattempt_wait: '0',
				duration: '39',
			},
		};
		expectSameDocument(simple(CALL_DETAILS), expected);
		expectSameDocument(generic(CALL_DETAILS, []).document, expected);
		expectSameDocument(parseXmlSafely(CALL_DETAILS), expected);
	});

	it('reads a queuecalls answer: status attribute after the children, calls as an array', () => {
		const expected = {
			queuecalls: {
				login: 'user',
				campaign_name: 'SunnyCamp',
				start_url: 'http://charles.plumgroup.com/~schan/src/charles/vxml/start.php',
				phone_list: {
					call: [
						{ phone_number: 'tel:+19492222222;ani=8009957586', '@_call_id': '112897970' },
						{ phone_number: 'tel:+19492222223;ani=8009957586', '@_call_id': '112897971' },
					],
				},
				'@_status': 'success',
			},
		};
		expectSameDocument(simple(QUEUECALLS_ANSWER, CALL_LIST), expected);
		expectSameDocument(generic(QUEUECALLS_ANSWER, CALL_LIST).document, expected);
	});

	it('makes a single call of a queuecalls answer an array when its path is listed, and not otherwise', () => {
		const text =
			'<queuecalls status="success"><phone_list><call call_id="1"><phone_number>x</phone_number></call></phone_list></queuecalls>';
		const call = { phone_number: 'x', '@_call_id': '1' };
		expectSameDocument(simple(text, CALL_LIST), { queuecalls: { phone_list: { call: [call] }, '@_status': 'success' } });
		expectSameDocument(simple(text), { queuecalls: { phone_list: { call }, '@_status': 'success' } });
	});

	it("puts '#text' before the attributes of an element with text, as the generic path does", () => {
		const text = '<queuecall status="queued" call_id="0112850593">  Queued &amp; waiting </queuecall>';
		const expected = { queuecall: { '#text': 'Queued & waiting', '@_status': 'queued', '@_call_id': '0112850593' } };
		expectSameDocument(simple(text), expected);
		expectSameDocument(generic(text, []).document, expected);
	});

	it('gives empty and self-closing elements as empty strings, or as their attributes alone', () => {
		const text = "<a><b></b><c/><d  x = ' 1 ' /><e y=\"\">\n </e></a>";
		const expected = { a: { b: '', c: '', d: { '@_x': '1' }, e: { '@_y': '' } } };
		expectSameDocument(simple(text), expected);
		expectSameDocument(generic(text, []).document, expected);
	});

	it('turns CRLF and lone CR in values into LF, as the generic parser does', () => {
		const text = '<a x="1\r\n2\r3">p\r\nq</a>';
		const expected = { a: { '#text': 'p\nq', '@_x': '1\n2\n3' } };
		expectSameDocument(simple(text), expected);
		expectSameDocument(generic(text, []).document, expected);
	});

	it('decodes references after trimming, so an encoded space survives', () => {
		const text = '<a>&#32;x&#x20;</a>';
		expectSameDocument(simple(text), { a: ' x ' });
		expectSameDocument(generic(text, []).document, { a: ' x ' });
	});
});

describe('readSimpleXml: left to the generic path', () => {
	it('leaves a comment to the generic path, which drops it', () => {
		const text = '<a><!-- note --><b>1</b></a>';
		expect(simple(text)).toBeUndefined();
		expectSameDocument(parseXmlSafely(text), { a: { b: '1' } });
	});

	it('leaves CDATA to the generic path, which keeps its content literal', () => {
		const text = '<a><![CDATA[&amp; <b>]]></a>';
		expect(simple(text)).toBeUndefined();
		expectSameDocument(parseXmlSafely(text), { a: '&amp; <b>' });
	});

	it('leaves mixed text and child elements to the generic path', () => {
		const text = '<a>before<b>1</b>after</a>';
		expect(simple(text)).toBeUndefined();
		expect(simple('<a><b>1</b>after</a>')).toBeUndefined();
		expectSameDocument(parseXmlSafely(text), { a: { b: '1', '#text': 'beforeafter' } });
	});

	it('returns nothing for a mismatched closing tag, which parseXmlSafely refuses', () => {
		const text = '<a><b>1</c></a>';
		expect(simple(text)).toBeUndefined();
		expect(xmlError(() => parseXmlSafely(text)).reason).toContain("Expected closing tag 'b'");
	});

	it('returns nothing for an unclosed element or a second root', () => {
		expect(simple('<a><b>1</b>')).toBeUndefined();
		expect(simple('<a/><b/>')).toBeUndefined();
		expect(xmlError(() => parseXmlSafely('<a><b>1</b>')).reason).toContain('Unclosed tag');
	});

	it('returns nothing for a bare ampersand in text, which parseXmlSafely refuses', () => {
		const text = '<a>Tom & Jerry</a>';
		expect(simple(text)).toBeUndefined();
		expect(xmlError(() => parseXmlSafely(text)).reason).toContain("char '&' is not expected");
	});

	it('leaves a bare ampersand or unknown entity in an attribute to the generic path, which keeps it as written', () => {
		const text = '<a x="Tom & Jerry &nbsp;"/>';
		expect(simple(text)).toBeUndefined();
		expectSameDocument(parseXmlSafely(text), { a: { '@_x': 'Tom & Jerry &nbsp;' } });
	});

	it('still refuses a DOCTYPE before either path runs', () => {
		const text = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>';
		expect(simple(text)).toBeUndefined();
		expect(xmlError(() => parseXmlSafely(text)).reason).toContain('DOCTYPE or entity declaration');
	});

	it('returns nothing for a repeated attribute, which parseXmlSafely refuses', () => {
		const text = '<a x="1" x="2"/>';
		expect(simple(text)).toBeUndefined();
		expect(xmlError(() => parseXmlSafely(text)).reason).toContain("Attribute 'x' is repeated");
	});

	it('leaves names the generic parser treats specially to it', () => {
		expect(simple('<a><__proto__>x</__proto__></a>')).toBeUndefined();
		expect(simple('<a><constructor>x</constructor></a>')).toBeUndefined();
		expect(simple('<a hasOwnProperty="1"/>')).toBeUndefined();
		expect(simple('<a><hasOwnProperty>x</hasOwnProperty><b>1</b><b>2</b></a>')).toBeUndefined();
		expectSameDocument(parseXmlSafely('<a><__proto__>x</__proto__></a>'), { a: { '#__proto__': 'x' } });
	});

	it('leaves prefixed and non-ASCII names to the generic path', () => {
		expect(simple('<p:a xmlns:p="urn:x"><p:b>1</p:b></p:a>')).toBeUndefined();
		expect(simple('<café>1</café>')).toBeUndefined();
		expectSameDocument(parseXmlSafely('<p:a xmlns:p="urn:x"><p:b>1</p:b></p:a>'), {
			'p:a': { 'p:b': '1', '@_xmlns:p': 'urn:x' },
		});
	});

	it('leaves processing instructions other than the leading declaration to the generic path', () => {
		expect(simple('<?xml-stylesheet href="s.xsl"?><a>1</a>')).toBeUndefined();
		expect(simple('<a><?pi x?><b>1</b></a>')).toBeUndefined();
		expectSameDocument(parseXmlSafely('<a><?pi x?><b>1</b></a>'), { a: { b: '1' } });
	});

	it('leaves a root listed in arrayPaths to the generic path, which refuses it', () => {
		expect(simple('<a><b>1</b></a>', ['a'])).toBeUndefined();
		expect(xmlError(() => parseXmlSafely('<a><b>1</b></a>', { arrayPaths: ['a'] })).reason).toContain('root');
	});

	it('leaves very deep nesting to the generic path', () => {
		const depth = 100;
		const text = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
		expect(simple(text)).toBeUndefined();
		const shallow = `${'<a>'.repeat(10)}x${'</a>'.repeat(10)}`;
		expectSameDocument(simple(shallow), generic(shallow, []).document);
	});
});
