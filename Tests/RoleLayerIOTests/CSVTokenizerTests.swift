import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// The byte-level tokenizer and the UTF-8 check it relies on.
struct CSVTokenizerTests {
    private func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> [[String]] {
        let bytes = Array(text.utf8)
        let t = CSVTokenizer(delimiter: delimiter)
        var out: [[String]] = []
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            var fields: [CSVTokenizer.Field] = []
            var unused: [CSVTokenizer.Field] = []
            while i < b.count {
                let quick = t.scanRecord(b, from: i, collect: false, fields: &unused)
                let full = t.scanRecord(b, from: i, collect: true, fields: &fields)
                #expect(quick == full)
                let skip = t.skipRecord(b, from: i)
                #expect(skip.next == full.next && skip.lineBreaks == full.lineBreaks && skip.blank == full.blank)
                #expect(full.fieldCount == fields.count)
                if !full.blank {
                    out.append(fields.map { f in
                        let raw = f.hasDoubledQuotes ? CSVTokenizer.undoubled(b, f) : Array(b[f.start..<f.end])
                        return (f.strayQuote ? "!" : "") + String(decoding: raw, as: UTF8.self)
                    })
                }
                i = full.next
            }
        }
        return out
    }

    /// Fields split at delimiters; quotes, doubled quotes and line breaks inside quotes are data.
    @Test func splitting() {
        #expect(records("a,b,,\"c,d\"\n\"e\"\"f\",\"g\nh\"\n") == [["a", "b", "", "c,d"], ["e\"f", "g\nh"]])
        #expect(records("a;b,c\n", delimiter: UInt8(ascii: ";")) == [["a", "b,c"]])
        #expect(records(",\n") == [["", ""]])
    }

    /// LF, CRLF and a lone CR all end a record; a blank record is flagged.
    @Test func lineEnds() {
        #expect(records("a\r\nb\rc\nd") == [["a"], ["b"], ["c"], ["d"]])
        #expect(records("a\n \t\nb\n") == [["a"], ["b"]])
    }

    /// Stray quotes are flagged and taken literally; record boundaries stay put.
    @Test func strayQuotes() {
        #expect(records("a\"b,c\n\"x\"y,z\nnext\n") == [["!a\"b", "c"], ["!\"x\"y", "z"], ["next"]])
    }

    /// The first pass's word-at-a-time record skip agrees with the full scan from every offset:
    /// records of every length, each line end, blank lines, quotes with line breaks inside.
    @Test func skipRecordAgreesWithScan() {
        var text = ""
        for k in 0..<60 {
            text += String(repeating: "x", count: k % 19) + (k % 7 == 0 ? ",\"q\nq\"" : "") + (k % 5 == 0 ? "   \t  " : ",ab")
            text += ["\n", "\r\n", "\r", "\n\n", "         \t\n"][k % 5]
        }
        text += "tail without a line end"
        let bytes = Array(text.utf8)
        let t = CSVTokenizer(delimiter: UInt8(ascii: ","))
        bytes.withUnsafeBufferPointer { b in
            var unused: [CSVTokenizer.Field] = []
            for i in 0..<b.count {
                let full = t.scanRecord(b, from: i, collect: false, fields: &unused)
                let skip = t.skipRecord(b, from: i)
                #expect(skip.next == full.next && skip.lineBreaks == full.lineBreaks && skip.blank == full.blank)
            }
        }
    }

    /// An open quote runs to the end of the input and flags the record; line breaks are counted.
    @Test func openQuote() {
        let bytes = Array("a,\"b\nc\r\nd".utf8)
        bytes.withUnsafeBufferPointer { b in
            var f: [CSVTokenizer.Field] = []
            let r = CSVTokenizer(delimiter: UInt8(ascii: ",")).scanRecord(b, from: 0, collect: true, fields: &f)
            #expect(r.openQuote && r.next == b.count && r.lineBreaks == 2 && f.count == 2)
        }
    }

    /// The hand-written UTF-8 check agrees with the standard library on random and edge-case bytes.
    @Test func utf8CheckAgreesWithStandardLibrary() {
        var g = RandomGenerator(seed: 11, stream: 1)
        let edges: [[UInt8]] = [[0xC0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                [0xF0, 0x9F, 0x98, 0x80], [0xE2, 0x82, 0xAC], [0xC3], Array("plain ascii text 12345".utf8)]
        var samples = edges
        for _ in 0..<5000 {
            let n = g.nextInt(below: 24)
            samples.append((0..<n).map { _ in
                let k = g.nextInt(below: 4)
                return k == 0 ? UInt8(g.nextInt(below: 256)) : k == 1 ? UInt8(0x80 + g.nextInt(below: 64)) : UInt8(0x20 + g.nextInt(below: 96))
            })
        }
        for s in samples {
            let ours = s.withUnsafeBufferPointer { TextDecoding.isValidUTF8($0) }
            #expect(ours == (String(validating: s, as: UTF8.self) != nil), "\(s)")
        }
    }
}
