/** IP address functions: prefixes narrow comparisons, has_ipv4 needs delimiters, invalid addresses give null. */
import { functionCases } from './function-cases.ts';

functionCases('KQL IP functions', [
  {
    rule: "parse_ipv4 masks by the address's own prefix; invalid text is null (naive: an error or 0)",
    kql: 'P | project a = parse_ipv4("127.0.0.1"), b = parse_ipv4("10.1.2.3/24"), c = parse_ipv4("1.2.3"), d = parse_ipv4("1.2.3.256"), e = parse_ipv4_mask("127.0.0.1", 24)',
    rows: [{ a: 2130706433, b: 167838208, c: null, d: null, e: 2130706432 }],
  },
  {
    rule: 'ipv4_is_private: the RFC 1918 blocks only (172.16/12 is not 172/8)',
    kql: 'P | project a = ipv4_is_private("10.9.8.7"), b = ipv4_is_private("172.31.255.1"), c = ipv4_is_private("172.32.0.1"), d = ipv4_is_private("192.168.0.1"), e = ipv4_is_private("8.8.8.8"), f = isnull(ipv4_is_private("nope"))',
    rows: [{ a: true, b: true, c: false, d: true, e: false, f: true }],
  },
  {
    rule: 'ipv4_is_in_range / is_match / compare use the smallest prefix of both sides and the explicit one (Kusto docs)',
    kql: 'P | project a = ipv4_is_in_range("192.168.1.1", "192.168.1.255/24"), b = ipv4_is_in_range("192.168.2.1", "192.168.1.0/24"), c = ipv4_is_match("192.168.1.1/30", "192.168.1.255/24"), d = ipv4_compare("192.168.1.1", "192.168.1.0", 31), e = ipv4_compare("10.0.0.1", "10.0.0.2")',
    rows: [{ a: true, b: false, c: true, d: 0, e: -1 }],
  },
  {
    rule: 'ipv4_is_in_any_range takes ranges as arguments or as a dynamic array',
    kql: 'let Local = dynamic(["192.168.1.1/16", "127.0.0.1/8", "10.0.0.1/8"]); P | project a = ipv4_is_in_any_range("10.1.2.3", Local), b = ipv4_is_in_any_range("123.1.11.21", Local), c = ipv4_is_in_any_range("192.168.1.6", "192.168.1.1/24", "10.0.0.1/8")',
    rows: [{ a: true, b: false, c: true }],
  },
  {
    rule: 'has_ipv4/has_any_ipv4 need the address delimited by non-alphanumerics (docs: "05:04:54127.0.0.1" has none)',
    kql: 'P | project a = has_ipv4("05:04:54 127.0.0.1 GET", "127.0.0.1"), b = has_ipv4("05:04:54127.0.0.1 GET", "127.0.0.1"), c = has_any_ipv4("x 127.0.0.256 y", dynamic(["127.0.0.256"])), d = has_any_ipv4("x 127.0.0.1 y", "10.0.0.1", "127.0.0.1")',
    rows: [{ a: true, b: false, c: false, d: true }],
  },
  {
    rule: 'has_ipv4_prefix needs a prefix ending with a dot',
    kql: 'P | project a = has_ipv4_prefix("x 127.0.0.1 y", "127.0."), b = has_ipv4_prefix("x 127.0.0.1 y", "127.0"), c = has_any_ipv4_prefix("x 127.0.0.1 y", "10.", "127.")',
    rows: [{ a: true, b: false, c: true }],
  },
  {
    rule: 'format_ipv4/format_ipv4_mask; a negative prefix gives "" (Kusto docs)',
    kql: 'P | project a = format_ipv4("192.168.1.1", 24), b = format_ipv4_mask("192.168.1.1/24", 32), c = format_ipv4("192.168.1.1/24", long(-1)), d = ipv4_netmask_suffix("127.0.0.1/16"), e = ipv4_netmask_suffix("10.1.2.3")',
    rows: [{ a: '192.168.1.0', b: '192.168.1.0/24', c: '', d: 16, e: 32 }],
  },
  {
    rule: 'ipv4_range_to_cidr_list: the fewest aligned blocks (Kusto docs example)',
    kql: 'P | project a = ipv4_range_to_cidr_list("1.1.128.0", "1.1.140.255"), b = ipv4_range_to_cidr_list("10.0.0.0", "10.0.0.0")',
    rows: [{ a: ['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24'], b: ['10.0.0.0/32'] }],
  },
  {
    rule: 'IPv6: canonical form, IPv4 mapped into ::ffff:0:0/96, prefixes',
    kql: 'P | project a = parse_ipv6_mask("fe80::85d:e82c:9446:7994/120", 124), b = parse_ipv6_mask("192.168.255.255", 120), c = ipv6_is_in_range("a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", "a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112"), d = ipv6_compare("192.168.1.1/24", "::ffff:c0a8:01ff", 127), e = ipv6_is_match("fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7998/120")',
    rows: [
      {
        a: 'fe80:0000:0000:0000:085d:e82c:9446:7900',
        b: '0000:0000:0000:0000:0000:ffff:c0a8:ff00',
        c: true,
        d: 0,
        e: true,
      },
    ],
  },
  {
    rule: "parse_ipv6_mask keeps '::a.b.c.d' IPv4-compatible (…:0000:c0a8:ffff), as the Kusto engine does (tests/conformance/cases.json, kustainer), although its page shows …:ffff:c0a8:ffff",
    kql: 'P | project a = parse_ipv6_mask("::192.168.255.255", 128), b = parse_ipv6_mask("::192.168.255.255/24", 128)',
    rows: [
      {
        a: '0000:0000:0000:0000:0000:0000:c0a8:ffff',
        b: '0000:0000:0000:0000:0000:0000:c0a8:ff00',
      },
    ],
  },
]);
