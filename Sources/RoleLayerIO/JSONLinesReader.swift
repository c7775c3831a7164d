import RoleLayerCore

/// Reads JSON Lines (data.md, "Formats"): one object per line with the canonical field names;
/// sets and lists as arrays; `null` or an absent key = not answered; `[]` = none selected;
/// numbers as JSON numbers or numeric strings. Row = line number; blank lines are skipped and
/// not counted. A byte-order mark and CRLF are tolerated.
///
/// Keys are matched like CSV header names (trimmed, any case). A key repeated within one object
/// rejects the row; an unknown key gives one warning per file at its first line, with the count
/// of later lines that carry it.
struct JSONLinesReader: Sendable {
    let instrument: Instrument
    let file: String

    /// Lines per parallel work item.
    static let chunkSize = 4096

    private struct Span: Sendable {
        var start: Int
        var end: Int
        var line: Int
    }

    static let unknownKeyReason = "unknown key; ignored"

    func read(_ bytes: [UInt8], granularity: Wave.Granularity?) -> ReadReport {
        bytes.withUnsafeBufferPointer { read($0, granularity: granularity) }
    }

    private func read(_ b: UnsafeBufferPointer<UInt8>, granularity: Wave.Granularity?) -> ReadReport {
        let n = b.count
        if n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            return ReadReport(file: file, format: .jsonLines,
                              problems: [ImportProblem(file: file, row: 0, reason: "the file is UTF-16 encoded; save it as UTF-8")])
        }
        // Pass 1: lines.
        var spans: [Span] = []
        var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var line = 1
        while i < n {
            var j = i
            var blank = true
            while j < n && b[j] != 0x0A {
                if blank && b[j] != 0x20 && b[j] != 0x09 && b[j] != 0x0D { blank = false }
                j += 1
            }
            if !blank { spans.append(Span(start: i, end: j, line: line)) }
            line += 1
            i = j + 1
        }
        if spans.isEmpty {
            return ReadReport(file: file, format: .jsonLines,
                              problems: [ImportProblem(file: file, row: 0, reason: "the file is empty (no JSON lines)")])
        }

        // Pass 2: parse and validate in parallel.
        nonisolated(unsafe) let buffer = b
        let instrument = self.instrument
        let spansCopy = spans
        var chunks = ReadAssembler.parallelChunks(count: spans.count, chunkSize: Self.chunkSize) { range in
            var validator = RecordValidator(instrument: instrument)
            var inputs = [RecordValidator.Input](repeating: .absent, count: RecordValidator.Field.allCases.count)
            var positions = [Int](repeating: Int.max, count: RecordValidator.Field.allCases.count)
            var out: [RecordResult] = []
            out.reserveCapacity(range.count)
            for k in range {
                out.append(Self.readLine(buffer, span: spansCopy[k], validator: &validator, inputs: &inputs, positions: &positions))
            }
            return out
        }

        // One warning per unknown key per file, at its first line.
        var firstUnknown: [String: (chunk: Int, record: Int, problem: Int)] = [:]
        var laterCount: [String: Int] = [:]
        for c in chunks.indices {
            for r in chunks[c].indices {
                var drop: [Int] = []
                for (p, problem) in chunks[c][r].problems.enumerated() where problem.reason == Self.unknownKeyReason {
                    let key = problem.column ?? ""
                    if firstUnknown[key] == nil {
                        firstUnknown[key] = (c, r, p)
                    } else {
                        laterCount[key, default: 0] += 1
                        drop.append(p)
                    }
                }
                for p in drop.reversed() { chunks[c][r].problems.remove(at: p) }
            }
        }
        for (key, count) in laterCount {
            let at = firstUnknown[key]!
            chunks[at.chunk][at.record].problems[at.problem].reason += " (also in \(count) later line\(count == 1 ? "" : "s"))"
        }
        return ReadAssembler.assemble(file: file, format: .jsonLines, fileProblems: [], chunks: chunks,
                                      granularity: granularity)
    }

    private static func readLine(_ b: UnsafeBufferPointer<UInt8>, span: Span, validator: inout RecordValidator,
                                 inputs: inout [RecordValidator.Input], positions: inout [Int]) -> RecordResult {
        var result = RecordResult(row: span.line, line: span.line, response: nil, wave: nil, waveText: nil,
                                  wavePosition: Int.max, respondentIDPosition: Int.max, problems: [])
        if span.end - span.start > TextDecoding.maximumRecordBytes {
            result.problems.append(RowProblem(position: -1, column: nil, value: nil,
                                              reason: "line is longer than 16 MiB (\(span.end - span.start) bytes)", severity: .error))
            return result
        }
        var parser = JSONLineParser(b, start: span.start, end: span.end)
        let members: [JSONLineParser.Member]
        do {
            members = try parser.parseObjectLine()
        } catch {
            result.problems.append(RowProblem(position: -1, column: nil, value: nil,
                                              reason: "malformed JSON at byte \(error.offset): \(error.message)", severity: .error))
            return result
        }
        for k in inputs.indices {
            inputs[k] = .absent
            positions[k] = Int.max
        }
        var rejected = false
        var keysSeen: [String: Int] = [:]
        for (p, m) in members.enumerated() {
            guard let key = m.key else {
                result.problems.append(RowProblem(position: p, column: nil, value: nil,
                                                  reason: "key: \(m.keyProblem ?? "unreadable")", severity: .error))
                rejected = true
                continue
            }
            if keysSeen[key] != nil {
                result.problems.append(RowProblem(position: p, column: key, value: nil,
                                                  reason: "key repeated in one object", severity: .error))
                rejected = true
                continue
            }
            keysSeen[key] = p
            let name = RecordValidator.Field.byName[key] != nil ? key : key.trimmingASCIIWhitespace().lowercased()
            guard let field = RecordValidator.Field.byName[name] else {
                result.problems.append(RowProblem(position: p, column: key, value: nil, reason: unknownKeyReason,
                                                  severity: .warning))
                if let problem = badText(in: m.value) {
                    result.problems.append(RowProblem(position: p, column: key, value: problem.echo,
                                                      reason: problem.reason, severity: .error))
                    rejected = true
                }
                continue
            }
            if positions[field.rawValue] != Int.max {
                result.problems.append(RowProblem(position: p, column: field.name, value: nil,
                                                  reason: "field given twice in one object (as different spellings of \(field.name))",
                                                  severity: .error))
                rejected = true
                continue
            }
            positions[field.rawValue] = p
            if let problem = badText(in: m.value) {
                result.problems.append(RowProblem(position: p, column: field.name, value: field == .comment ? nil : problem.echo,
                                                  reason: problem.reason, severity: .error))
                inputs[field.rawValue] = .rejected
                rejected = true
                continue
            }
            inputs[field.rawValue] = input(m.value)
        }
        result.wavePosition = positions[RecordValidator.Field.wave.rawValue]
        result.respondentIDPosition = positions[RecordValidator.Field.respondentID.rawValue]
        let outcome = validator.validate(inputs, positions: positions, problems: &result.problems)
        result.response = rejected ? nil : outcome.response
        result.wave = outcome.wave
        result.waveText = outcome.waveText
        return result
    }

    /// The first undecodable string in a value, if any.
    private static func badText(in value: JSONLineParser.Value) -> (reason: String, echo: String?)? {
        switch value {
        case .badString(let reason, let echo): return (reason, echo)
        case .array(let items):
            for item in items { if let p = badText(in: item) { return p } }
            return nil
        default: return nil
        }
    }

    private static func input(_ value: JSONLineParser.Value) -> RecordValidator.Input {
        switch value {
        case .string(let s): .text(s)
        case .badString: .rejected
        case .number(let s): .number(s)
        case .boolean: .boolean
        case .null: .null
        case .array(let items): .array(items.map(input))
        case .object: .object
        }
    }
}
