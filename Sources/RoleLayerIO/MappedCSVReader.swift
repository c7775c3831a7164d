import RoleLayerCore

/// Reads a survey-platform export (Qualtrics, LimeSurvey, or any CSV with one header row)
/// through a ``MappingFile``: the same byte-level tokenizer as canonical CSV (``CSVTokenizer``),
/// the export's header rows (``SourceHeader``), the mapping's filters and value maps
/// (``MappedRecordBuilder``), and then the one canonical validation (``RecordValidator``) and
/// whole-file rules (``ReadAssembler``).
///
/// Row numbers count every header row: the first response of a Qualtrics file (three header
/// rows) is row 4, of a LimeSurvey or plain CSV file row 2. Problems name the source column
/// (the header name; a duplicated Qualtrics name also gets its import id).
struct MappedCSVReader: Sendable {
    let instrument: Instrument
    let mapping: MappingFile
    let file: String

    /// Records per parallel work item.
    static let chunkSize = 4096

    private struct Span: Sendable {
        var start: Int
        var row: Int
        var line: Int
    }

    /// Header rows of the format: Qualtrics three, the others one.
    var headerRowCount: Int { mapping.format == .qualtrics ? 3 : 1 }

    func read(_ bytes: [UInt8], granularity: Wave.Granularity?) -> ReadReport {
        bytes.withUnsafeBufferPointer { read($0, granularity: granularity) }
    }

    private func fileProblem(_ row: Int, line: Int? = nil, column: String? = nil, value: String? = nil, _ reason: String,
                             severity: ImportProblem.Severity = .error) -> ImportProblem {
        ImportProblem(file: file, row: row, line: line == row ? nil : line, column: column, value: value, reason: reason,
                      severity: severity)
    }

    private func read(_ b: UnsafeBufferPointer<UInt8>, granularity: Wave.Granularity?) -> ReadReport {
        let n = b.count
        if n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            return ReadReport(file: file, format: .csv, problems: [fileProblem(0, "the file is UTF-16 encoded; save it as UTF-8")])
        }
        let mappingProblems = mapping.targetProblems(instrument)
        if !mappingProblems.isEmpty {
            return ReadReport(file: file, format: .csv, problems: mappingProblems.map { p in
                fileProblem(0, "mapping \(mapping.fileName)\(p.line.map { ":\($0)" } ?? ""): \(p.message)")
            })
        }
        let bodyStart = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        let tokenizer = CSVTokenizer(delimiter: CSVTokenizer.sniffDelimiter(b, from: bodyStart))

        // Pass 1: record boundaries, rows and lines.
        var spans: [Span] = []
        spans.reserveCapacity(n / 256)
        var headers: [(record: CSVTokenizer.Record, line: Int)] = []
        var unusedFields: [CSVTokenizer.Field] = []
        var line = 1
        var row = 0
        var i = bodyStart
        let headerRows = headerRowCount
        while i < n {
            let r = tokenizer.scanRecord(b, from: i, collect: false, fields: &unusedFields)
            if !r.blank {
                row += 1
                if row <= headerRows {
                    headers.append((r, line))
                } else {
                    spans.append(Span(start: r.start, row: row, line: line))
                }
            }
            line += r.lineBreaks
            i = r.next
        }
        if headers.isEmpty {
            return ReadReport(file: file, format: .csv, problems: [fileProblem(0, "the file is empty (no header row)")])
        }
        if headers.count < headerRows {
            return ReadReport(file: file, format: .csv, problems: [fileProblem(
                headers.count, line: headers.last!.line,
                "a Qualtrics export has three header rows (column ids, question text, import ids); this file has \(headers.count)")])
        }

        // Header rows.
        var headerCells: [[String]] = []
        for (k, h) in headers.enumerated() {
            switch decodeHeader(b, h.record, row: k + 1, line: h.line, tokenizer: tokenizer) {
            case .failure(let problems): return ReadReport(file: file, format: .csv, problems: problems)
            case .success(let cells): headerCells.append(cells)
            }
        }
        let header: SourceHeader
        switch mapping.format {
        case .qualtrics:
            switch QualtricsHeader.read(headerCells, lines: headers.map(\.line), file: file) {
            case .failure(let problems): return ReadReport(file: file, format: .csv, problems: problems)
            case .success(let h): header = h
            }
        case .limesurvey, .csv:
            header = SourceHeader(names: headerCells[0])
        }

        // The mapping against the header.
        let plan: MappedRecordBuilder
        switch MappedRecordBuilder.compile(mapping: mapping, header: header, instrument: instrument) {
        case .failure(let problems):
            return ReadReport(file: file, format: .csv, problems: problems.map { p in
                fileProblem(1, line: headers[0].line, column: p.column, value: p.value, p.reason, severity: p.severity)
            })
        case .success(let builder, let warnings):
            plan = builder
            if spans.isEmpty {
                let last = headers.count
                return ReadReport(file: file, format: .csv, problems: warnings.map {
                    fileProblem(1, line: headers[0].line, column: $0.column, value: $0.value, $0.reason, severity: .warning)
                } + [fileProblem(last, line: headers[last - 1].line,
                                  "the file has \(last == 1 ? "a header row" : "its \(last) header rows") but no data rows")])
            }
            let fileWarnings = warnings.map {
                fileProblem(1, line: headers[0].line, column: $0.column, value: $0.value, $0.reason, severity: .warning)
            }

            // Pass 2: fields, filters, mapping and validation, in parallel.
            nonisolated(unsafe) let buffer = b
            let spansCopy = spans
            let columnCount = header.count
            let chunks = ReadAssembler.parallelChunks(count: spans.count, chunkSize: Self.chunkSize) { range in
                var worker = plan.worker()
                var fields: [CSVTokenizer.Field] = []
                fields.reserveCapacity(columnCount + 4)
                var out: [RecordResult] = []
                out.reserveCapacity(range.count)
                for k in range {
                    let s = spansCopy[k]
                    out.append(Self.readRecord(buffer, row: s.row, line: s.line, start: s.start, tokenizer: tokenizer,
                                               columnCount: columnCount, worker: &worker, fields: &fields))
                }
                return out
            }
            var report = ReadAssembler.assemble(file: file, format: .csv, fileProblems: fileWarnings, chunks: chunks,
                                                granularity: granularity)
            // The whole-file rules name the canonical fields; name the source columns instead.
            for k in report.problems.indices where report.problems[k].row > 1 {
                if let name = report.problems[k].column, name == "wave" || name == "respondent_id",
                   let display = plan.displayNames[name] {
                    report.problems[k].column = display
                }
            }
            return report
        }
    }

    // MARK: - Header rows

    private enum HeaderResult {
        case success([String])
        case failure([ImportProblem])
    }

    /// The cells of header row `row`, decoded and trimmed (an empty name is kept empty).
    private func decodeHeader(_ b: UnsafeBufferPointer<UInt8>, _ record: CSVTokenizer.Record, row: Int, line: Int,
                              tokenizer: CSVTokenizer) -> HeaderResult {
        if record.end - record.start > TextDecoding.maximumRecordBytes {
            return .failure([fileProblem(row, line: line, "header row \(row) is longer than 16 MiB")])
        }
        if record.openQuote {
            return .failure([fileProblem(row, line: line, "a quote opened in header row \(row) is never closed")])
        }
        var fields: [CSVTokenizer.Field] = []
        _ = tokenizer.scanRecord(b, from: record.start, collect: true, fields: &fields)
        var cells: [String] = []
        var problems: [ImportProblem] = []
        for (c, f) in fields.enumerated() {
            let decoded = f.hasDoubledQuotes
                ? TextDecoding.decode(CSVTokenizer.undoubled(b, f), mayHoldNUL: true)
                : TextDecoding.decode(UnsafeBufferPointer(rebasing: b[f.start..<f.end]), mayHoldNUL: true)
            guard case .text(let text) = decoded else {
                problems.append(fileProblem(row, line: line, column: "column \(c + 1)", value: decoded.echo,
                                            "header: " + (decoded.reason ?? "unreadable")))
                cells.append("")
                continue
            }
            if f.strayQuote {
                problems.append(fileProblem(row, line: line, column: "column \(c + 1)", value: text,
                                            "header: stray quote in an unquoted field"))
            }
            cells.append(text.trimmingASCIIWhitespace())
        }
        return problems.isEmpty ? .success(cells) : .failure(problems)
    }

    // MARK: - Records

    private static func readRecord(
        _ b: UnsafeBufferPointer<UInt8>, row: Int, line: Int, start: Int, tokenizer: CSVTokenizer, columnCount: Int,
        worker: inout MappedRecordBuilder.Worker, fields: inout [CSVTokenizer.Field]
    ) -> RecordResult {
        let rec = tokenizer.scanRecord(b, from: start, collect: true, fields: &fields)
        let plan = worker.plan
        var result = RecordResult(row: row, line: line, response: nil, wave: nil, waveText: nil,
                                  wavePosition: plan.positions[RecordValidator.Field.wave.rawValue],
                                  respondentIDPosition: plan.positions[RecordValidator.Field.respondentID.rawValue],
                                  problems: [])
        func columnName(_ c: Int) -> String? {
            c < columnCount ? plan.header.displayName(c) : "column \(c + 1)"
        }
        if CSVTokenizer.structuralProblems(rec, fields: fields, bytes: b, columnCount: columnCount,
                                           columnName: columnName, isComment: plan.isComment, into: &result.problems) {
            return result
        }
        worker.buildRecord(b, fields: fields, hasNUL: rec.hasNUL, into: &result)
        return result
    }
}

// MARK: - The export's header

/// The columns of an export as its header rows give them: the names of row 1 and, for
/// Qualtrics, the import id and time zone of each column from the third header row.
struct SourceHeader: Sendable {
    /// Row 1, trimmed (an empty name stays empty).
    var names: [String]
    /// Qualtrics import ids (`QID5`, `QID5_3`, `recordedDate`), `nil` where none.
    var importIDs: [String?]
    /// Qualtrics `timeZone` of date columns, `nil` where none.
    var timeZones: [String?]
    /// Names given to more than one column.
    private var duplicated: Set<String>

    init(names: [String], importIDs: [String?]? = nil, timeZones: [String?]? = nil) {
        self.names = names
        self.importIDs = importIDs ?? Array(repeating: nil, count: names.count)
        self.timeZones = timeZones ?? Array(repeating: nil, count: names.count)
        var seen: Set<String> = []
        var dup: Set<String> = []
        for name in names where !name.isEmpty {
            if !seen.insert(name).inserted { dup.insert(name) }
        }
        duplicated = dup
    }

    /// Number of columns.
    var count: Int { names.count }

    /// The column's name for messages: the header name (`column N` when empty); a duplicated
    /// name is followed by the import id, for example `Q5 (QID12)`.
    func displayName(_ c: Int) -> String {
        let name = names[c].isEmpty ? "column \(c + 1)" : names[c]
        if duplicated.contains(names[c]), let id = importIDs[c] { return "\(name) (\(id))" }
        return name
    }

    /// How a mapping's column reference resolves.
    enum Resolution: Equatable {
        case found(Int)
        case missing
        /// Several columns answer to the name.
        case ambiguous([Int])
    }

    /// Resolves a reference: an exact header name; else an exact import id; else a header name
    /// in another case, when only one column has it.
    func resolve(_ name: String) -> Resolution {
        let byName = names.indices.filter { names[$0] == name }
        if byName.count == 1 { return .found(byName[0]) }
        if byName.count > 1 { return .ambiguous(byName) }
        let byID = importIDs.indices.filter { importIDs[$0] == name }
        if byID.count == 1 { return .found(byID[0]) }
        if byID.count > 1 { return .ambiguous(byID) }
        let lower = name.lowercased()
        let folded = names.indices.filter { names[$0].lowercased() == lower }
        if folded.count == 1 { return .found(folded[0]) }
        if folded.count > 1 { return .ambiguous(folded) }
        return .missing
    }

    /// The columns of a question answered one column per choice, with each column's sub-code:
    /// names `Q[SUB]` (LimeSurvey) or `Q_SUB` (Qualtrics column ids), or Qualtrics import ids
    /// `QID_SUB`. Qualtrics text-entry columns (`_TEXT`) are not choices and are skipped.
    func subColumns(of question: String) -> [(column: Int, sub: String)] {
        var out: [(Int, String)] = []
        for c in names.indices {
            if let sub = Self.sub(of: names[c], question: question) ?? importIDs[c].flatMap({ Self.sub(of: $0, question: question) }) {
                if sub.hasSuffix("_TEXT") || sub.hasSuffix("_text") { continue }
                out.append((c, sub))
            }
        }
        return out
    }

    private static func sub(of name: String, question: String) -> String? {
        guard name.count > question.count + 1, name.hasPrefix(question) else { return nil }
        let rest = name.dropFirst(question.count)
        if rest.first == "[" && rest.last == "]" && rest.count > 2 { return String(rest.dropFirst().dropLast()) }
        if rest.first == "_" { return String(rest.dropFirst()) }
        return nil
    }
}
