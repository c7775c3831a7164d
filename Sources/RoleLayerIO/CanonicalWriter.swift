import Foundation
import RoleLayerCore

/// The two canonical file formats of data.md.
public enum CanonicalFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Canonical CSV: header row in ``Response/fieldNames`` order, RFC 4180 quoting, LF line ends.
    case csv
    /// JSON Lines: one object per line, keys in ``Response/fieldNames`` order.
    case jsonLines = "jsonl"

    /// The format a file name implies: `.csv` → CSV; `.jsonl`, `.ndjson` or `.json` → JSON Lines
    /// (case-insensitive); `nil` for anything else.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { self = .jsonLines }
        else { return nil }
    }
}

/// Streams ``Response`` records to a file handle in a canonical format, through a byte buffer
/// flushed every `bufferCapacity` bytes, so any number of records can be written in constant
/// memory.
///
/// What it writes (both round-trip through the canonical readers):
/// - **CSV**: the header row of data.md in ``Response/fieldNames`` order, then one record per
///   response; LF line ends, UTF-8 without byte-order mark, no comment lines. A field is quoted
///   (RFC 4180: enclosed in `"`, inner `"` doubled) when it contains `,`, `"`, CR or LF, or
///   begins or ends with white space. Numbers as integers (stage 0...6, direction -2...2);
///   `weight` as an integer when whole, else Swift's shortest round-trip decimal. Set-valued
///   fields (`blockers`, `influences`, `signoff`): codes joined by `;`, `""` for none selected
///   and `NA` for not answered. Every other `nil` is an empty cell. An empty priority list is
///   written as an empty cell, which reads back as not answered (CSV cannot tell them apart).
/// - **JSON Lines**: every key on every line in field order; `null` for not answered; sets and
///   lists as arrays (`[]` for none selected); numbers as JSON numbers; strings escaped per
///   RFC 8259 (control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`).
///
/// Call ``finish()`` once at the end; records still in the buffer are lost otherwise.
public final class CanonicalWriter {
    /// The format being written.
    public let format: CanonicalFormat
    private let handle: FileHandle
    private let capacity: Int
    private var buffer: [UInt8] = []
    /// Records written so far.
    public private(set) var count = 0

    /// Creates a writer; for CSV the header row is written first.
    /// - Parameters:
    ///   - handle: an open file handle (for example `FileHandle.standardOutput`); not closed here.
    ///   - format: CSV or JSON Lines.
    ///   - bufferCapacity: bytes held before a write to the handle (default 1 MiB).
    public init(handle: FileHandle, format: CanonicalFormat, bufferCapacity: Int = 1 << 20) {
        self.handle = handle
        self.format = format
        self.capacity = max(bufferCapacity, 1024)
        buffer.reserveCapacity(self.capacity + 4096)
        if format == .csv { CanonicalWriter.appendCSVHeader(to: &buffer) }
    }

    /// Appends one record; writes the buffer to the handle when it is full.
    /// - Throws: the file handle's write error.
    public func write(_ response: Response) throws {
        switch format {
        case .csv: CanonicalWriter.appendCSV(response, to: &buffer)
        case .jsonLines: CanonicalWriter.appendJSONLine(response, to: &buffer)
        }
        count += 1
        if buffer.count >= capacity { try flush() }
    }

    /// Writes whatever is buffered to the handle.
    /// - Throws: the file handle's write error.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes the buffer (the handle stays open).
    /// - Throws: the file handle's write error.
    public func finish() throws { try flush() }

    /// The whole file for `responses` as a string (header included for CSV): for tests and
    /// small outputs.
    public static func render(_ responses: [Response], format: CanonicalFormat) -> String {
        var bytes: [UInt8] = []
        if format == .csv { appendCSVHeader(to: &bytes) }
        for r in responses {
            switch format {
            case .csv: appendCSV(r, to: &bytes)
            case .jsonLines: appendJSONLine(r, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - CSV

    static func appendCSVHeader(to out: inout [UInt8]) {
        out.append(contentsOf: Response.fieldNames.joined(separator: ",").utf8)
        out.append(0x0A)
    }

    static func appendCSV(_ r: Response, to out: inout [UInt8]) {
        appendCSVField(r.respondentID, to: &out); out.append(comma)
        if let o = r.organisationID { appendCSVField(o, to: &out) }; out.append(comma)
        out.append(contentsOf: r.wave.description.utf8); out.append(comma)
        appendCSVField(r.role.rawValue, to: &out); out.append(comma)
        appendInt(r.stage.value, to: &out); out.append(comma)
        if let c = r.confidence { appendInt(c, to: &out) }; out.append(comma)
        if let p = r.preparedness { appendInt(p, to: &out) }; out.append(comma)
        appendCSVSet(r.blockers?.map(\.rawValue), to: &out); out.append(comma)
        if let b = r.primaryBlocker { appendCSVField(b.rawValue, to: &out) }; out.append(comma)
        if let p = r.priorities { appendCSVField(p.map(\.rawValue).joined(separator: ";"), to: &out) }; out.append(comma)
        if let o = r.ownership { appendCSVField(o.code, to: &out) }; out.append(comma)
        if let d = r.direction { appendInt(d.value, to: &out) }; out.append(comma)
        appendCSVSet(r.influences?.map(\.rawValue), to: &out); out.append(comma)
        appendCSVSet(r.signoff?.map(\.rawValue), to: &out); out.append(comma)
        if let s = r.orgStage { appendInt(s.value, to: &out) }; out.append(comma)
        if let s = r.sector { appendCSVField(s, to: &out) }; out.append(comma)
        if let s = r.sizeBand { appendCSVField(s, to: &out) }; out.append(comma)
        if let s = r.region { appendCSVField(s, to: &out) }; out.append(comma)
        appendNumber(r.weight, to: &out); out.append(comma)
        if let c = r.comment { appendCSVField(c, to: &out) }
        out.append(0x0A)
    }

    private static let comma: UInt8 = 0x2C

    /// `nil` → `NA` (not answered); `[]` → empty (none selected); else codes joined by `;`.
    static func appendCSVSet(_ codes: [String]?, to out: inout [UInt8]) {
        guard let codes else { out.append(contentsOf: "NA".utf8); return }
        appendCSVField(codes.joined(separator: ";"), to: &out)
    }

    /// A field, quoted when RFC 4180 requires it or when it begins or ends with white space.
    static func appendCSVField(_ s: String, to out: inout [UInt8]) {
        var needsQuotes = false
        let utf8 = s.utf8
        for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes, let first = s.first, let last = s.last, first.isWhitespace || last.isWhitespace { needsQuotes = true }
        guard needsQuotes else { out.append(contentsOf: utf8); return }
        out.append(0x22)
        for b in utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    // MARK: - JSON Lines

    static func appendJSONLine(_ r: Response, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        key("respondent_id", first: true, &out); appendJSONString(r.respondentID, to: &out)
        key("organisation_id", &out); if let v = r.organisationID { appendJSONString(v, to: &out) } else { null(&out) }
        key("wave", &out); appendJSONString(r.wave.description, to: &out)
        key("role", &out); appendJSONString(r.role.rawValue, to: &out)
        key("stage", &out); appendInt(r.stage.value, to: &out)
        key("confidence", &out); if let v = r.confidence { appendInt(v, to: &out) } else { null(&out) }
        key("preparedness", &out); if let v = r.preparedness { appendInt(v, to: &out) } else { null(&out) }
        key("blockers", &out); if let v = r.blockers { appendJSONArray(v.map(\.rawValue), to: &out) } else { null(&out) }
        key("primary_blocker", &out); if let v = r.primaryBlocker { appendJSONString(v.rawValue, to: &out) } else { null(&out) }
        key("priorities", &out); if let v = r.priorities { appendJSONArray(v.map(\.rawValue), to: &out) } else { null(&out) }
        key("ownership", &out); if let v = r.ownership { appendJSONString(v.code, to: &out) } else { null(&out) }
        key("direction", &out); if let v = r.direction { appendInt(v.value, to: &out) } else { null(&out) }
        key("influences", &out); if let v = r.influences { appendJSONArray(v.map(\.rawValue), to: &out) } else { null(&out) }
        key("signoff", &out); if let v = r.signoff { appendJSONArray(v.map(\.rawValue), to: &out) } else { null(&out) }
        key("org_stage", &out); if let v = r.orgStage { appendInt(v.value, to: &out) } else { null(&out) }
        key("sector", &out); if let v = r.sector { appendJSONString(v, to: &out) } else { null(&out) }
        key("size_band", &out); if let v = r.sizeBand { appendJSONString(v, to: &out) } else { null(&out) }
        key("region", &out); if let v = r.region { appendJSONString(v, to: &out) } else { null(&out) }
        key("weight", &out); appendNumber(r.weight, to: &out)
        key("comment", &out); if let v = r.comment { appendJSONString(v, to: &out) } else { null(&out) }
        out.append(UInt8(ascii: "}"))
        out.append(0x0A)
    }

    @inline(__always)
    private static func key(_ name: StaticString, first: Bool = false, _ out: inout [UInt8]) {
        if !first { out.append(comma) }
        out.append(0x22)
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(0x22)
        out.append(UInt8(ascii: ":"))
    }

    @inline(__always)
    private static func null(_ out: inout [UInt8]) { out.append(contentsOf: "null".utf8) }

    static func appendJSONArray(_ items: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, s) in items.enumerated() {
            if i > 0 { out.append(comma) }
            appendJSONString(s, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A JSON string (RFC 8259): `"` and `\` escaped, control characters escaped, other bytes as UTF-8.
    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }

    // MARK: - Numbers

    /// Decimal digits of an integer, with `-` when negative.
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        if v == 0 { out.append(0x30); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 {
                buf[n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    /// A finite double: an integer when whole (below 10^15), else Swift's shortest round-trip
    /// decimal (which may use an exponent, `1e-05`, valid in CSV and JSON readers).
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 1e15 {
            appendInt(Int(value), to: &out)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }
}
