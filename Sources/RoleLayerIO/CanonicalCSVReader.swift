import RoleLayerCore

/// Reads canonical CSV (data.md, "Formats"): header row with the canonical field names in any
/// order, delimiter sniffed among `,` `;` tab, RFC 4180 quoting, UTF-8 with or without a
/// byte-order mark, CRLF or LF, blank lines skipped.
///
/// Two passes: the first finds record boundaries and row/line numbers (in parallel segments,
/// checked against each other, see ``findRecords(_:from:tokenizer:segmentBytes:)``); the second
/// splits, decodes and validates records in parallel chunks. Whole-file rules follow in
/// ``ReadAssembler``.
struct CanonicalCSVReader: Sendable {
    let instrument: Instrument
    let file: String

    /// Records per parallel work item.
    static let chunkSize = 4096

    /// A data record found by the first pass.
    struct Span: Sendable, Hashable {
        var start: Int
        var row: Int
        var line: Int
    }

    func read(_ bytes: [UInt8], granularity: Wave.Granularity?) -> ReadReport {
        bytes.withUnsafeBufferPointer { read($0, granularity: granularity) }
    }

    private func fileProblem(_ row: Int, line: Int? = nil, column: String? = nil, value: String? = nil, _ reason: String) -> ImportProblem {
        ImportProblem(file: file, row: row, line: line == row ? nil : line, column: column, value: value, reason: reason)
    }

    private func read(_ b: UnsafeBufferPointer<UInt8>, granularity: Wave.Granularity?) -> ReadReport {
        let n = b.count
        if n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            return ReadReport(file: file, format: .csv, problems: [fileProblem(0, "the file is UTF-16 encoded; save it as UTF-8")])
        }
        let bodyStart = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        let tokenizer = CSVTokenizer(delimiter: CSVTokenizer.sniffDelimiter(b, from: bodyStart))

        // Pass 1: record boundaries, rows and lines.
        let found = Self.findRecords(b, from: bodyStart, tokenizer: tokenizer)
        guard let first = found.first else {
            return ReadReport(file: file, format: .csv, problems: [fileProblem(0, "the file is empty (no header row)")])
        }
        let headerLine = first.line
        let spans = Array(found.dropFirst())

        // Header.
        var headerFields: [CSVTokenizer.Field] = []
        let header = tokenizer.scanRecord(b, from: first.start, collect: true, fields: &headerFields)
        let columns: HeaderColumns
        switch readHeader(b, header, headerFields, line: headerLine) {
        case .rejected(let problems):
            return ReadReport(file: file, format: .csv, problems: problems)
        case .accepted(let c):
            columns = c
        }
        if spans.isEmpty {
            return ReadReport(file: file, format: .csv,
                              problems: columns.warnings + [fileProblem(1, line: headerLine, "the file has a header row but no data rows")])
        }

        // Pass 2: fields, decoding and validation, in parallel.
        nonisolated(unsafe) let buffer = b
        let instrument = self.instrument
        let spansCopy = spans
        return ReadAssembler.assemble(file: file, format: .csv, fileProblems: columns.warnings, count: spansCopy.count,
                                      granularity: granularity) { slots in
            ReadAssembler.parallelChunks(count: spansCopy.count, chunkSize: Self.chunkSize,
                                         worker: { RecordValidator(instrument: instrument) }) { range, validator in
                var fields: [CSVTokenizer.Field] = []
                fields.reserveCapacity(columns.count + 4)
                var inputs = [RecordValidator.Input](repeating: .absent, count: RecordValidator.Field.allCases.count)
                var out: [PlacedRecord] = []
                out.reserveCapacity(range.count)
                for k in range {
                    let record = Self.readRecord(buffer, span: spansCopy[k], tokenizer: tokenizer, columns: columns,
                                                 validator: &validator, fields: &fields, inputs: &inputs)
                    out.append(slots.place(record, at: k))
                }
                return out
            }
        }
    }

    // MARK: - Record boundaries

    /// Bytes per segment of the parallel first pass; smaller inputs are scanned in one piece.
    static let segmentBytes = 4 << 20

    /// The non-blank records from `start` on, in order, with their row (header = 1) and line.
    ///
    /// Record boundaries depend on everything before them (a quoted field may hold line breaks),
    /// so the input is cut into segments that are scanned in parallel, each from the first line
    /// start after its cut; a segment's records are kept only when the records of the one before
    /// it end exactly where it began. Otherwise (a quoted line break across a cut) that segment is
    /// scanned again from where the one before ended. The result is that of one sequential scan.
    static func findRecords(_ b: UnsafeBufferPointer<UInt8>, from start: Int, tokenizer: CSVTokenizer,
                            segmentBytes: Int = segmentBytes) -> [Span] {
        let n = b.count
        let segmentCount = max(1, (n - start) / segmentBytes)
        // guessed record starts: after the first line feed at or after each cut
        var starts = [start]
        for j in 1..<segmentCount {
            var p = max(start + j * ((n - start) / segmentCount) - 1, starts[j - 1])
            while p < n && b[p] != 0x0A { p += 1 }
            starts.append(min(p + 1, n))
        }
        starts.append(n)

        /// Records starting in `from..<limit`: starts and lines relative to `from`'s line.
        struct Segment: Sendable {
            var records: [Span] = []
            var end = 0
            var lines = 0
        }
        @Sendable func scan(_ b: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Segment {
            var segment = Segment()
            segment.records.reserveCapacity((limit - from) / 64)
            var i = from
            while i < limit {
                let r = tokenizer.skipRecord(b, from: i)
                if !r.blank { segment.records.append(Span(start: i, row: 0, line: segment.lines)) }
                segment.lines += r.lineBreaks
                i = r.next
            }
            segment.end = i
            return segment
        }

        nonisolated(unsafe) let buffer = b
        let guesses = starts
        let segments = ReadAssembler.parallelChunks(count: segmentCount, chunkSize: 1) { range in
            [scan(buffer, from: guesses[range.lowerBound], limit: guesses[range.lowerBound + 1])]
        }.map { $0[0] }

        var out: [Span] = []
        out.reserveCapacity(segments.reduce(0) { $0 + $1.records.count })
        var position = start
        var line = 1
        for j in 0..<segmentCount {
            let segment = position == starts[j] ? segments[j] : scan(b, from: position, limit: max(position, starts[j + 1]))
            for r in segment.records {
                out.append(Span(start: r.start, row: out.count + 1, line: line + r.line))
            }
            line += segment.lines
            position = segment.end
        }
        return out
    }

    // MARK: - Header

    /// The mapping from file columns to canonical fields.
    struct HeaderColumns: Sendable {
        /// Number of columns in the header.
        var count: Int
        /// The canonical field of each column, or `nil` for an unknown column.
        var fieldOfColumn: [RecordValidator.Field?]
        /// The name of each column for messages: the canonical name, or the header text (trimmed).
        var names: [String]
        /// The column position of each canonical field (`Int.max` when absent), indexed by raw value.
        var positions: [Int]
        /// One warning per unknown column.
        var warnings: [ImportProblem]
    }

    private enum HeaderResult {
        case accepted(HeaderColumns)
        case rejected([ImportProblem])
    }

    private func readHeader(_ b: UnsafeBufferPointer<UInt8>, _ header: CSVTokenizer.Record, _ fields: [CSVTokenizer.Field],
                            line: Int) -> HeaderResult {
        var errors: [ImportProblem] = []
        var warnings: [ImportProblem] = []
        if header.end - header.start > TextDecoding.maximumRecordBytes {
            return .rejected([fileProblem(1, line: line, "the header row is longer than 16 MiB")])
        }
        if header.openQuote {
            return .rejected([fileProblem(1, line: line, "a quote opened in the header row is never closed")])
        }
        var fieldOfColumn: [RecordValidator.Field?] = []
        var names: [String] = []
        var positions = [Int](repeating: Int.max, count: RecordValidator.Field.allCases.count)
        for (c, f) in fields.enumerated() {
            let raw = UnsafeBufferPointer(rebasing: b[f.start..<f.end])
            let decoded = f.hasDoubledQuotes
                ? TextDecoding.decode(CSVTokenizer.undoubled(b, f), mayHoldNUL: true)
                : TextDecoding.decode(raw, mayHoldNUL: true)
            guard case .text(let text) = decoded else {
                errors.append(fileProblem(1, line: line, column: "column \(c + 1)", value: decoded.echo,
                                          "header: " + (decoded.reason ?? "unreadable")))
                fieldOfColumn.append(nil)
                names.append("column \(c + 1)")
                continue
            }
            if f.strayQuote {
                errors.append(fileProblem(1, line: line, column: "column \(c + 1)", value: text,
                                          "header: stray quote in an unquoted field"))
                fieldOfColumn.append(nil)
                names.append("column \(c + 1)")
                continue
            }
            let name = text.trimmingASCIIWhitespace()
            names.append(name.isEmpty ? "column \(c + 1)" : (RecordValidator.Field.byName[name.lowercased()]?.name ?? name))
            if let field = RecordValidator.Field.byName[name.lowercased()] {
                if positions[field.rawValue] != Int.max {
                    errors.append(fileProblem(1, line: line, column: field.name, value: name,
                                              "column given twice (columns \(positions[field.rawValue] + 1) and \(c + 1))"))
                    fieldOfColumn.append(nil)
                } else {
                    positions[field.rawValue] = c
                    fieldOfColumn.append(field)
                }
            } else {
                fieldOfColumn.append(nil)
                if name.isEmpty {
                    warnings.append(ImportProblem(file: file, row: 1, line: line == 1 ? nil : line, column: "column \(c + 1)",
                                                  reason: "column has no name; ignored", severity: .warning))
                } else {
                    warnings.append(ImportProblem(file: file, row: 1, line: line == 1 ? nil : line, column: name,
                                                  reason: "unknown column; ignored", severity: .warning))
                }
            }
        }
        for field in RecordValidator.Field.required where positions[field.rawValue] == Int.max {
            errors.append(fileProblem(1, line: line, column: field.name, "required column missing"))
        }
        if !errors.isEmpty { return .rejected(warnings + errors) }
        return .accepted(HeaderColumns(count: fields.count, fieldOfColumn: fieldOfColumn, names: names, positions: positions,
                                       warnings: warnings))
    }

    // MARK: - Records

    private static func readRecord(
        _ b: UnsafeBufferPointer<UInt8>, span: Span, tokenizer: CSVTokenizer, columns: HeaderColumns,
        validator: inout RecordValidator, fields: inout [CSVTokenizer.Field], inputs: inout [RecordValidator.Input]
    ) -> RecordResult {
        let rec = tokenizer.scanRecord(b, from: span.start, collect: true, fields: &fields)
        var result = RecordResult(row: span.row, line: span.line, response: nil, wave: nil, waveText: nil,
                                  wavePosition: columns.positions[RecordValidator.Field.wave.rawValue],
                                  respondentIDPosition: columns.positions[RecordValidator.Field.respondentID.rawValue],
                                  problems: [])
        func columnName(_ c: Int) -> String? {
            c < columns.count ? columns.names[c] : "column \(c + 1)"
        }
        let isComment: (Int) -> Bool = { c in c < columns.count && columns.fieldOfColumn[c] == .comment }
        if CSVTokenizer.structuralProblems(rec, fields: fields, bytes: b, columnCount: columns.count,
                                           columnName: columnName, isComment: isComment, into: &result.problems) {
            return result
        }

        for k in inputs.indices { inputs[k] = .absent }
        var encodingError = false
        for (c, f) in fields.enumerated() {
            guard let field = columns.fieldOfColumn[c] else {
                // unknown column: ignored, but its bytes must still be valid text
                let raw = UnsafeBufferPointer(rebasing: b[f.start..<f.end])
                if rec.hasNUL || raw.contains(where: { $0 >= 0x80 }) {
                    let decoded = TextDecoding.decode(raw, mayHoldNUL: rec.hasNUL)
                    if let reason = decoded.reason, !reason.hasPrefix("value is longer") {
                        encodingError = true
                        result.problems.append(RowProblem(position: c, column: columns.names[c], value: decoded.echo,
                                                          reason: reason, severity: .error))
                    }
                }
                continue
            }
            let decoded = f.hasDoubledQuotes
                ? TextDecoding.decode(CSVTokenizer.undoubled(b, f), mayHoldNUL: rec.hasNUL)
                : TextDecoding.decode(UnsafeBufferPointer(rebasing: b[f.start..<f.end]), mayHoldNUL: rec.hasNUL)
            if case .text(let s) = decoded {
                inputs[field.rawValue] = .text(s)
            } else {
                inputs[field.rawValue] = .rejected
                encodingError = true
                result.problems.append(RowProblem(position: c, column: field.name,
                                                  value: field == .comment ? nil : decoded.echo,
                                                  reason: decoded.reason ?? "unreadable", severity: .error))
            }
        }
        var outcome = validator.validate(inputs, positions: columns.positions, problems: &result.problems)
        result.response = encodingError ? nil : outcome.response.take()  // moved, not copied
        result.wave = outcome.wave
        result.waveText = outcome.waveText
        return result
    }
}
