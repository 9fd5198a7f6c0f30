import { ASK_N8N, compileFieldExpression, plainFieldOf } from '../../nodes/PlumOutbound/helpers/fieldExpression';

describe('field expressions read without n8n\'s evaluator', () => {
	test('a plain field read gives the field value unchanged, numbers included', () => {
		expect(compileFieldExpression('={{ $json.phone }}')?.({ phone: 6175550101 })).toBe(6175550101);
		expect(compileFieldExpression('={{ $json["first name"] }}')?.({ 'first name': 'Ana' })).toBe('Ana');
		expect(plainFieldOf("={{ $json['phone'] }}")).toBe('phone');
	});

	test('text and fields joined by + follow JavaScript, like n8n', () => {
		const join = compileFieldExpression("={{ 'first_name=' + $json.first_name + \"&n=\" + $json.n }}");
		expect(join?.({ first_name: 'Ana', n: 3 })).toBe('first_name=Ana&n=3');
		expect(join?.({ n: null })).toBe('first_name=undefined&n=null');
		expect(compileFieldExpression('={{ $json.a + $json.b }}')?.({ a: 1, b: 2 })).toBe(3);
	});

	test('text around the braces is a template: values written as n8n writes them, missing ones as nothing', () => {
		const template = compileFieldExpression('=first_name={{ $json.first_name }}&n={{ $json.n }}');
		expect(template?.({ first_name: 'Ana', n: 3 })).toBe('first_name=Ana&n=3');
		expect(template?.({ first_name: null, n: Number.NaN })).toBe('first_name=&n=');
		expect(template?.({ first_name: false, n: 0 })).toBe('first_name=false&n=0');
		// Objects and arrays are n8n's to write (its proxies may give them their own text).
		expect(template?.({ first_name: { a: 1 }, n: 1 })).toBe(ASK_N8N);
		expect(template?.({ first_name: 'Ana', n: [1, 2] })).toBe(ASK_N8N);
		expect(compileFieldExpression("={{ 'x' + $json.a }}")?.({ a: {} })).toBe(ASK_N8N);
		expect(compileFieldExpression('={{ $json.a }} and {{ $json.b }}')?.({ a: 1 })).toBe('1 and ');
		expect(compileFieldExpression("={{ $json.a + 'x' }}{{ $json.b }}")?.({ a: 1, b: 2 })).toBe('1x2');
	});

	test('fields of nested objects and arrays are read through plain objects and arrays only', () => {
		const phone = compileFieldExpression('={{ $json.contact.phone }}');
		expect(phone?.({ contact: { phone: '6175550101' } })).toBe('6175550101');
		expect(compileFieldExpression('={{ $json.phones[1] }}')?.({ phones: ['a', 'b'] })).toBe('b');
		expect(compileFieldExpression('={{ $json["the contact"]["e mail"] }}')?.({ 'the contact': { 'e mail': 'x@y' } })).toBe('x@y');
		expect(compileFieldExpression('=n={{ $json.list.length }}')?.({ list: [1, 2, 3] })).toBe('n=3');
		// A missing step, a step through text or a Date, and a method are n8n's to answer (it may throw or differ).
		expect(phone?.({})).toBe(ASK_N8N);
		expect(phone?.({ contact: '6175550101' })).toBe(ASK_N8N);
		expect(phone?.({ contact: new Date(0) })).toBe(ASK_N8N);
		expect(compileFieldExpression('={{ $json.toString }}')?.({})).toBe(ASK_N8N);
		expect(plainFieldOf('={{ $json.contact.phone }}')).toBeUndefined();
	});

	test("an earlier node's item is read through the lookup it is given, and left to n8n without one", () => {
		const phone = compileFieldExpression("={{ $('CRM').item.json.contact.phone }}");
		const lookups: Array<[string, number]> = [];
		const crm = (node: string, itemIndex: number) => {
			lookups.push([node, itemIndex]);
			return { contact: { phone: `p${itemIndex}` } };
		};
		expect(phone?.({}, 4, crm)).toBe('p4');
		expect(lookups).toEqual([['CRM', 4]]);
		expect(compileFieldExpression('=n={{ $("CRM export").item.json.n }}')?.({}, 0, () => ({ n: 7 }))).toBe('n=7');
		expect(phone?.({})).toBe(ASK_N8N);
		expect(phone?.({}, 0, () => ASK_N8N)).toBe(ASK_N8N);
		expect(phone?.({}, 0, () => 'not an item')).toBe(ASK_N8N);
		expect(plainFieldOf("={{ $('CRM').item.json.phone }}")).toBeUndefined();
	});

	test('a literal may hold a plus sign', () => {
		expect(compileFieldExpression("={{ 'a+b=' + $json.x }}")?.({ x: 1 })).toBe('a+b=1');
	});

	test('anything else is left to n8n', () => {
		for (const raw of [
			'={{ $json.phone.trim() }}',
			'={{ $json.phones[01] }}',
			"={{ $('CRM').first().json.phone }}",
			"={{ $('CRM').item.json }}",
			"={{ $(name).item.json.phone }}",
			'={{ $json[0] + $json }}',
			"={{ ('x' + $json.a) }}",
			"={{ 'it\\'s' + $json.a }}",
			'=a\\{{ $json.b }}',
			'=a}{{ $json.b }}',
			'=x={{ $json.a.trim() }}',
			"=x={{ 'no field' }}",
			'={{ $json.constructor }}',
			'=x.constructor {{ $json.a }}',
			"={{ $json['__proto__'] }}",
			"={{ 'constant' }}",
			'={{ $node["CRM"].json.phone }}',
			'plain text',
		]) {
			expect(compileFieldExpression(raw)).toBeUndefined();
		}
		expect(plainFieldOf("={{ 'x' + $json.a }}")).toBeUndefined();
	});
});
