/// A focused RFC 8259 parser for one JSON Lines line holding one object. Unlike Foundation's
/// `JSONSerialization` it keeps every member in order, so a key repeated within an object can be
/// reported, and it reports undecodable strings (invalid UTF-8, lone surrogate escapes, NUL)
/// per member instead of failing the whole line.
///
/// Nesting deeper than ``maximumDepth`` is a syntax error (no unbounded recursion).
struct JSONLineParser {
    /// A parsed JSON value, as far as the canonical record needs it.
    enum Value: Sendable {
        case string(String)
        /// A string that is not acceptable text: the reason and the value to echo.
        case badString(reason: String, echo: String?)
        /// A number, as its literal text.
        case number(String)
        case boolean
        case null
        case array([Value])
        case object
    }

    /// A syntax error: what was expected, at which byte of the line (1-based).
    struct SyntaxError: Error, Sendable {
        var message: String
        var offset: Int
    }

    /// One member of the top-level object, in order.
    struct Member: Sendable {
        /// The key, or `nil` when it is not acceptable text (``keyProblem`` says why).
        var key: String?
        var keyProblem: String?
        var value: Value
    }

    static let maximumDepth = 32

    private let b: UnsafeBufferPointer<UInt8>
    private var i: Int
    private let end: Int
    private let lineStart: Int

    /// A parser for `b[start..<end]` (one line without its LF).
    init(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.b = b
        self.i = start
        self.end = end
        self.lineStart = start
    }

    /// Parses the line as one object followed only by white space.
    mutating func parseObjectLine() throws(SyntaxError) -> [Member] {
        skipSpace()
        guard i < end, b[i] == UInt8(ascii: "{") else { throw fail("expected a JSON object '{'") }
        i += 1
        var members: [Member] = []
        skipSpace()
        if i < end, b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < end, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
                let key = try parseString()
                skipSpace()
                guard i < end, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
                i += 1
                let value = try parseValue(depth: 1)
                switch key {
                case .string(let k): members.append(Member(key: k, keyProblem: nil, value: value))
                case .badString(let reason, _): members.append(Member(key: nil, keyProblem: reason, value: value))
                default: break
                }
                skipSpace()
                guard i < end else { throw fail("expected ',' or '}'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        if i < end { throw fail("unexpected text after the object") }
        return members
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> Value {
        skipSpace()
        guard i < end else { throw fail("expected a value") }
        switch b[i] {
        case UInt8(ascii: "\""):
            return try parseString()
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
            i += 1
            skipSpace()
            if i < end, b[i] == UInt8(ascii: "}") { i += 1; return .object }
            while true {
                skipSpace()
                guard i < end, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
                _ = try parseString()
                skipSpace()
                guard i < end, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
                i += 1
                _ = try parseValue(depth: depth + 1)
                skipSpace()
                guard i < end else { throw fail("expected ',' or '}'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; return .object }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
            i += 1
            var items: [Value] = []
            skipSpace()
            if i < end, b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard i < end else { throw fail("expected ',' or ']'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "t"): try literal("true"); return .boolean
        case UInt8(ascii: "f"): try literal("false"); return .boolean
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw fail("expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { throw fail("expected a value") }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { throw fail("expected a value") }
        i += n
    }

    /// RFC 8259 number grammar; returns the literal text.
    private mutating func parseNumber() throws(SyntaxError) -> Value {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int {
            var n = 0
            while i < end, b[i] >= 48, b[i] <= 57 { i += 1; n += 1 }
            return n
        }
        guard i < end, b[i] >= 48, b[i] <= 57 else { throw fail("malformed number") }
        if b[i] == 48 { i += 1 } else { _ = digits() }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("malformed number") }
        }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("malformed number") }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
    }

    /// Parses a string at `"`. Syntax errors throw; undecodable text gives ``Value/badString``.
    private mutating func parseString() throws(SyntaxError) -> Value {
        i += 1
        let start = i
        var escaped = false
        while true {
            guard i < end else { throw fail("unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") { escaped = true; i += 2; continue }
            if c < 0x20 { throw fail("control character in a string (escape it)") }
            i += 1
        }
        let stop = i
        i += 1
        if !escaped {
            let decoded = TextDecoding.decode(UnsafeBufferPointer(rebasing: b[start..<stop]), mayHoldNUL: false)
            if case .text(let s) = decoded { return .string(s) }
            return .badString(reason: decoded.reason ?? "unreadable", echo: decoded.echo)
        }
        // Undo escapes into UTF-8 bytes.
        var out: [UInt8] = []
        out.reserveCapacity(stop - start)
        var k = start
        var loneSurrogate = false
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= stop else { return nil }
            var v: UInt32 = 0
            for j in at..<at + 4 {
                let h = b[j]
                let d: UInt32
                switch h {
                case 48...57: d = UInt32(h - 48)
                case 65...70: d = UInt32(h - 55)
                case 97...102: d = UInt32(h - 87)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        func appendScalar(_ v: UInt32) {
            switch v {
            case 0..<0x80: out.append(UInt8(v))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
            case 0x800..<0x10000:
                out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            default:
                out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        while k < stop {
            let c = b[k]
            guard c == UInt8(ascii: "\\") else { out.append(c); k += 1; continue }
            let e = b[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let v = hex4(k) else { i = k; throw fail("malformed \\u escape") }
                k += 4
                if (0xD800...0xDBFF).contains(v) {
                    if k + 6 <= stop, b[k] == UInt8(ascii: "\\"), b[k + 1] == UInt8(ascii: "u"),
                       let low = hex4(k + 2), (0xDC00...0xDFFF).contains(low) {
                        k += 6
                        appendScalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        loneSurrogate = true
                        appendScalar(0xFFFD)
                    }
                } else if (0xDC00...0xDFFF).contains(v) {
                    loneSurrogate = true
                    appendScalar(0xFFFD)
                } else {
                    appendScalar(v)
                }
            default:
                i = k - 2
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        let decoded = TextDecoding.decode(out, mayHoldNUL: true)
        if loneSurrogate {
            return .badString(reason: "a lone surrogate escape (\\uD800...\\uDFFF without its pair) is not text", echo: decoded.echo)
        }
        if case .text(let s) = decoded { return .string(s) }
        return .badString(reason: decoded.reason ?? "unreadable", echo: decoded.echo)
    }

    // MARK: - Helpers

    @inline(__always)
    private mutating func skipSpace() {
        while i < end {
            let c = b[i]
            guard c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A else { return }
            i += 1
        }
    }

    private func fail(_ message: String) -> SyntaxError {
        SyntaxError(message: message, offset: i - lineStart + 1)
    }
}
