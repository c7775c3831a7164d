/// Turning a field's bytes into text, with the encoding rules of data.md ("Encoding", "Sizes"):
/// invalid UTF-8 and NUL reject the value (with a Latin-1 hint when the bytes look like it),
/// and a decoded value over 1 MiB is rejected.
enum TextDecoding {
    /// Largest decoded field: 1 MiB of UTF-8.
    static let maximumFieldBytes = 1 << 20
    /// Largest record (a CSV record or a JSON Lines line): 16 MiB.
    static let maximumRecordBytes = 16 << 20

    /// A field's bytes read as text, or why not.
    enum Result {
        case text(String)
        /// Not valid UTF-8; `echo` is the value with invalid bytes replaced by U+FFFD.
        case invalidUTF8(echo: String, looksLatin1: Bool)
        /// A NUL character; `echo` shows it as U+2400.
        case nul(echo: String)
        /// Longer than ``maximumFieldBytes``.
        case tooLong(bytes: Int, echo: String)

        /// The reason sentence for a problem (`nil` for valid text).
        var reason: String? {
            switch self {
            case .text: nil
            case .invalidUTF8(_, let latin1):
                latin1
                    ? "invalid UTF-8 bytes: the file looks like Latin-1 (ISO-8859-1 or Windows-1252); convert it to UTF-8, for example with iconv -f WINDOWS-1252 -t UTF-8"
                    : "invalid UTF-8 bytes"
            case .nul: "contains a NUL character"
            case .tooLong(let n, _): "value is longer than 1 MiB (\(n) bytes)"
            }
        }

        /// The value to echo in a message.
        var echo: String? {
            switch self {
            case .text(let s): s
            case .invalidUTF8(let e, _), .nul(let e), .tooLong(_, let e): e
            }
        }
    }

    /// Decodes `bytes` as UTF-8 text. `mayHoldNUL` false skips the NUL check (the caller knows there is none).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, mayHoldNUL: Bool) -> Result {
        if bytes.count > maximumFieldBytes {
            let echo = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 400)]), as: UTF8.self)
            return .tooLong(bytes: bytes.count, echo: echo)
        }
        guard isValidUTF8(bytes) else {
            return .invalidUTF8(echo: String(decoding: bytes, as: UTF8.self), looksLatin1: looksLatin1(bytes))
        }
        let s = String(decoding: bytes, as: UTF8.self)
        if mayHoldNUL && bytes.contains(0) {
            return .nul(echo: String(s.unicodeScalars.map { $0 == "\0" ? "\u{2400}" : Character($0) }))
        }
        return .text(s)
    }

    /// Decodes an array of bytes (see ``decode(_:mayHoldNUL:)``).
    static func decode(_ bytes: [UInt8], mayHoldNUL: Bool) -> Result {
        bytes.withUnsafeBufferPointer { decode($0, mayHoldNUL: mayHoldNUL) }
    }

    /// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    /// Written out because the standard library's validating initialiser is not specialised and
    /// costs a generic-metadata lookup per call, too slow per field at 100 MB/s.
    @inline(__always)
    static func isValidUTF8(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = u.count
        var i = 0
        // ASCII fast path, eight bytes at a time
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
        }
        while i < n {
            let b = u[i]
            if b < 0x80 { i += 1; continue }
            if b < 0xC2 || b > 0xF4 { return false }
            if b < 0xE0 {
                guard i + 1 < n, u[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
            } else if b < 0xF0 {
                guard i + 2 < n, u[i + 1] & 0xC0 == 0x80, u[i + 2] & 0xC0 == 0x80 else { return false }
                if b == 0xE0 && u[i + 1] < 0xA0 { return false }  // overlong
                if b == 0xED && u[i + 1] > 0x9F { return false }  // surrogate
                i += 3
            } else {
                guard i + 3 < n, u[i + 1] & 0xC0 == 0x80, u[i + 2] & 0xC0 == 0x80, u[i + 3] & 0xC0 == 0x80 else { return false }
                if b == 0xF0 && u[i + 1] < 0x90 { return false }  // overlong
                if b == 0xF4 && u[i + 1] > 0x8F { return false }  // above U+10FFFF
                i += 4
            }
        }
        return true
    }

    /// True when invalid UTF-8 bytes look like a single-byte Western encoding: no well-formed
    /// multi-byte UTF-8 sequence at all, only lone bytes 0x80...0xFF between ASCII.
    static func looksLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var high = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            high += 1
            let len: Int = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0
            if len > 0 && i + len <= n && (1..<len).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) {
                return false  // a well-formed UTF-8 sequence: this is broken UTF-8, not Latin-1
            }
            i += 1
        }
        return high > 0
    }
}
