/// A focused byte-level RFC 4180 tokenizer for delimited text (canonical CSV now; the Qualtrics
/// and LimeSurvey readers later). It works on raw bytes, never decodes text itself, and reports
/// malformed quoting instead of guessing.
///
/// Rules (data.md, "Formats" and "Malformed quoting"):
/// - A field that starts with `"` is quoted: it runs to the next `"` not doubled; `""` inside is
///   one quote; delimiters and line breaks inside are data.
/// - A `"` anywhere else in an unquoted field, or text after a closing quote, is a *stray quote*:
///   the quote is taken literally for record boundaries and the field is flagged.
/// - Records end at LF, CRLF or a lone CR outside quotes, or at the end of the input.
/// - A quoted field still open at the end of the input flags its record (``Record/openQuote``).
///
/// Scanning one record is deterministic given its start offset, so a first pass can find the
/// record boundaries sequentially and a second pass can split fields of many records in parallel.
struct CSVTokenizer: Sendable {
    /// The field delimiter byte: `,`, `;` or tab.
    let delimiter: UInt8
    /// Byte class for unquoted scanning: 0 ordinary, 1 delimiter or line break, 2 quote, 3 NUL.
    private let classes: [UInt8]

    /// A field's place in the input.
    struct Field: Sendable, Hashable {
        /// First byte of the content (after the opening quote when quoted).
        var start: Int
        /// One past the last byte of the content (before the closing quote when quoted).
        var end: Int
        /// The field was quoted (its content may hold `""` pairs, see ``hasDoubledQuotes``).
        var quoted: Bool
        /// A quoted field with at least one `""` pair to undouble.
        var hasDoubledQuotes: Bool
        /// A stray quote: a `"` inside an unquoted field or text after a closing quote.
        /// ``start``...``end`` then span the raw text.
        var strayQuote: Bool
    }

    /// One record's place in the input.
    struct Record: Sendable, Hashable {
        /// First byte.
        var start: Int
        /// One past the last content byte (the line terminator excluded).
        var end: Int
        /// Where the next record starts (after the line terminator).
        var next: Int
        /// Physical line breaks consumed, the terminator included.
        var lineBreaks: Int
        /// A quoted field was still open at the end of the input.
        var openQuote: Bool
        /// The record holds only spaces and tabs (a blank line, skipped by readers).
        var blank: Bool
        /// Number of fields.
        var fieldCount: Int
        /// The record holds a NUL byte somewhere (fields are then checked one by one).
        var hasNUL: Bool
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// A tokenizer for `delimiter`.
    init(delimiter: UInt8) {
        self.delimiter = delimiter
        var c = [UInt8](repeating: 0, count: 256)
        c[Int(delimiter)] = 1
        c[Int(Self.lf)] = 1
        c[Int(Self.cr)] = 1
        c[Int(Self.quote)] = 2
        c[0] = 3
        classes = c
    }

    // MARK: - Delimiter

    /// data.md: the delimiter is sniffed from the header line (the first line that is not blank)
    /// among `,`, `;` and tab: the one occurring most often outside quotes wins, ties in that order.
    static func sniffDelimiter(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        let n = b.count
        var i = start
        // skip blank lines
        var lineStart = i
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x09 { i += 1; continue }
            if c == lf || c == cr { i += 1; lineStart = i; continue }
            break
        }
        i = lineStart
        var comma = 0, semicolon = 0, tab = 0
        var inQuotes = false
        while i < n {
            let c = b[i]
            if c == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                switch c {
                case lf, cr: i = n; continue
                case UInt8(ascii: ","): comma += 1
                case UInt8(ascii: ";"): semicolon += 1
                case 0x09: tab += 1
                default: break
                }
            }
            i += 1
        }
        if comma >= semicolon && comma >= tab { return UInt8(ascii: ",") }
        if semicolon >= tab { return UInt8(ascii: ";") }
        return 0x09
    }

    // MARK: - Records

    /// Scans the record starting at `start` (which must be < `b.count`). When `collect` is true,
    /// `fields` is replaced by the record's fields; otherwise it is left alone.
    func scanRecord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, collect: Bool, fields: inout [Field]) -> Record {
        classes.withUnsafeBufferPointer { cls in
            scan(b, cls, from: start, collect: collect, fields: &fields)
        }
    }

    @inline(__always)
    private func scan(_ b: UnsafeBufferPointer<UInt8>, _ cls: UnsafeBufferPointer<UInt8>, from start: Int,
                      collect: Bool, fields: inout [Field]) -> Record {
        let n = b.count
        let d = delimiter
        let quote = Self.quote, lf = Self.lf, cr = Self.cr
        var i = start
        var breaks = 0
        var fieldCount = 0
        var anyQuoted = false
        var nul = false
        if collect { fields.removeAll(keepingCapacity: true) }
        while true {
            let fieldStart = i
            if i < n && b[i] == quote {
                // quoted field
                anyQuoted = true
                i += 1
                var doubled = false
                var closed = false
                while i < n {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < n && b[i + 1] == quote {
                            doubled = true
                            i += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == lf {
                        breaks += 1
                    } else if c == 0 {
                        nul = true
                    } else if c == cr && !(i + 1 < n && b[i + 1] == lf) {
                        breaks += 1
                    }
                    i += 1
                }
                if !closed {
                    if collect {
                        fields.append(Field(start: fieldStart + 1, end: n, quoted: true, hasDoubledQuotes: doubled, strayQuote: false))
                    }
                    return Record(start: start, end: n, next: n, lineBreaks: breaks, openQuote: true, blank: false,
                                  fieldCount: fieldCount + 1, hasNUL: nul)
                }
                let contentEnd = i
                i += 1
                if i < n && cls[Int(b[i])] != 1 {
                    // text after the closing quote: a stray quote; the field runs to the next delimiter
                    while i < n && !(b[i] == d || b[i] == lf || b[i] == cr) {
                        if b[i] == 0 { nul = true }
                        i += 1
                    }
                    if collect {
                        fields.append(Field(start: fieldStart, end: i, quoted: false, hasDoubledQuotes: false, strayQuote: true))
                    }
                } else if collect {
                    fields.append(Field(start: fieldStart + 1, end: contentEnd, quoted: true, hasDoubledQuotes: doubled, strayQuote: false))
                }
            } else {
                // unquoted field
                var stray = false
                while i < n {
                    let k = cls[Int(b[i])]
                    if k == 0 { i += 1; continue }
                    if k == 1 { break }
                    if k == 2 { stray = true } else { nul = true }
                    i += 1
                }
                if stray { anyQuoted = true }
                if collect {
                    fields.append(Field(start: fieldStart, end: i, quoted: false, hasDoubledQuotes: false, strayQuote: stray))
                }
            }
            fieldCount += 1
            if i >= n {
                return Record(start: start, end: n, next: n, lineBreaks: breaks, openQuote: false,
                              blank: !anyQuoted && Self.isBlank(b, start, n), fieldCount: fieldCount, hasNUL: nul)
            }
            let c = b[i]
            if c == d {
                i += 1
                continue
            }
            let end = i
            if c == cr && i + 1 < n && b[i + 1] == lf { i += 2 } else { i += 1 }
            breaks += 1
            return Record(start: start, end: end, next: i, lineBreaks: breaks, openQuote: false,
                          blank: !anyQuoted && Self.isBlank(b, start, end), fieldCount: fieldCount, hasNUL: nul)
        }
    }

    /// The first pass's view of the record starting at `start` (< `b.count`): the same `next`,
    /// `lineBreaks` and `blank` as ``scanRecord(_:from:collect:fields:)``. A record without a
    /// quote ends at its first CR or LF, which is searched for eight bytes at a time; a record
    /// with a quote is scanned by ``scanRecord(_:from:collect:fields:)``.
    func skipRecord(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (next: Int, lineBreaks: Int, blank: Bool) {
        let n = b.count
        var i = start
        #if _endian(little)
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quotes = ones &* UInt64(Self.quote), lfs = ones &* UInt64(Self.lf), crs = ones &* UInt64(Self.cr)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let q = w ^ quotes, l = w ^ lfs, c = w ^ crs
                // a byte is flagged where q, l or c is zero; the lowest flag is always a true match
                let flags = (((q &- ones) & ~q) | ((l &- ones) & ~l) | ((c &- ones) & ~c)) & highs
                if flags != 0 {
                    i += flags.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
        }
        #endif
        while i < n && b[i] != Self.quote && b[i] != Self.lf && b[i] != Self.cr { i += 1 }
        if i >= n { return (n, 0, Self.isBlank(b, start, n)) }
        if b[i] == Self.quote {
            var unused: [Field] = []
            let r = scanRecord(b, from: start, collect: false, fields: &unused)
            return (r.next, r.lineBreaks, r.blank)
        }
        let next = b[i] == Self.cr && i + 1 < n && b[i + 1] == Self.lf ? i + 2 : i + 1
        return (next, 1, Self.isBlank(b, start, i))
    }

    /// Only spaces and tabs (or nothing) in `start..<end`.
    @inline(__always)
    private static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if b[i] != 0x20 && b[i] != 0x09 { return false }
            i += 1
        }
        return true
    }

    // MARK: - Field bytes

    /// The decoded bytes of a quoted field with `""` pairs (each pair becomes one `"`).
    static func undoubled(_ b: UnsafeBufferPointer<UInt8>, _ field: Field) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            let c = b[i]
            out.append(c)
            i += (c == quote && i + 1 < field.end && b[i + 1] == quote) ? 2 : 1
        }
        return out
    }
}
