import Dispatch
import RoleLayerCore

/// What a reader found in one data record, before the whole-file rules are applied.
struct RecordResult: Sendable {
    /// Row number (CSV: record number with header = 1; JSON Lines: line number).
    var row: Int
    /// Physical line the record starts on.
    var line: Int
    /// The response, when the record itself has no error.
    var response: Response?
    /// The valid wave, even when the record has another error.
    var wave: Wave?
    /// The wave as written.
    var waveText: String?
    /// Column positions of `wave` and `respondent_id` (to order the whole-file problems).
    var wavePosition: Int
    var respondentIDPosition: Int
    /// Problems of this record.
    var problems: [RowProblem]
    /// The name of the mapping filter that left this record out (then it has no response and
    /// no problems, and is neither accepted nor rejected).
    var filteredBy: String? = nil
}

/// The whole-file rules every reader shares (data.md "Waves", "Duplicates"), and the assembly of
/// the ``ReadReport``: the granularity is the caller's, or that of the first valid wave in the
/// file; rows of another granularity are rejected; the first accepted (wave, respondent_id)
/// stands and later ones are rejected.
enum ReadAssembler {
    private struct Key: Hashable {
        var wave: Wave
        var respondentID: String
    }

    /// Builds the report from per-record results in file order (`chunks` concatenated).
    static func assemble(file: String, format: InputFormat, fileProblems: [ImportProblem],
                         chunks input: consuming [[RecordResult]], granularity requested: Wave.Granularity?) -> ReadReport {
        var chunks = input
        var granularity = requested
        var granularityRow: Int?
        if granularity == nil {
            outer: for chunk in chunks {
                for r in chunk {
                    if let w = r.wave {
                        granularity = w.granularity
                        granularityRow = r.row
                        break outer
                    }
                }
            }
        }
        let total = chunks.reduce(0) { $0 + $1.count }
        var accepted: [ImportedResponse] = []
        accepted.reserveCapacity(total)
        var problems = fileProblems
        var seen: [Key: Int] = [:]
        seen.reserveCapacity(total)
        var rejected = 0
        var filtered: [String: Int] = [:]
        for c in chunks.indices {
            for k in chunks[c].indices {
                if let filter = chunks[c][k].filteredBy {
                    filtered[filter, default: 0] += 1
                    continue
                }
                let response = chunks[c][k].response.take()
                let row = chunks[c][k].row
                var rowProblems = chunks[c][k].problems
                var ok = response != nil
                if let w = chunks[c][k].wave, let g = granularity, w.granularity != g {
                    let origin = granularityRow.map { "the file's waves are \(g.plural) (set by row \($0))" }
                        ?? "the study's waves are \(g.plural)"
                    rowProblems.append(RowProblem(
                        position: chunks[c][k].wavePosition, column: "wave", value: chunks[c][k].waveText,
                        reason: "wave is a \(w.granularity.rawValue), but \(origin); one study uses one granularity",
                        severity: .error))
                    ok = false
                }
                if ok, let resp = response {
                    let key = Key(wave: resp.wave, respondentID: resp.respondentID)
                    if let first = seen[key] {
                        rowProblems.append(RowProblem(
                            position: chunks[c][k].respondentIDPosition, column: "respondent_id", value: resp.respondentID,
                            reason: "duplicate (wave, respondent_id) \(resp.wave): first given in row \(first), which stands",
                            severity: .error))
                        ok = false
                    } else {
                        seen[key] = row
                    }
                }
                if ok, let resp = response {
                    accepted.append(ImportedResponse(response: resp, row: row))
                } else {
                    rejected += 1
                }
                if rowProblems.count > 1 {
                    rowProblems = rowProblems.enumerated()
                        .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
                        .map(\.element)
                }
                for p in rowProblems { problems.append(p.problem(file: file, row: row, line: chunks[c][k].line)) }
            }
        }
        return ReadReport(file: file, format: format, rowsRead: total, accepted: accepted, problems: problems,
                          rejectedRows: rejected, granularity: granularity, filtered: filtered)
    }

    /// Maps `count` items in chunks of `chunkSize`, in parallel when there is more than one chunk;
    /// the result is in order and does not depend on the number of threads.
    static func parallelChunks<T: Sendable>(count: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> [T]) -> [[T]] {
        let chunkCount = (count + chunkSize - 1) / chunkSize
        if chunkCount <= 1 { return count == 0 ? [] : [body(0..<count)] }
        let out = UnsafeMutableBufferPointer<[T]>.allocate(capacity: chunkCount)
        out.initialize(repeating: [])
        defer { out.deinitialize(); out.deallocate() }
        nonisolated(unsafe) let slots = out
        DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
            let lo = c * chunkSize
            slots[c] = body(lo..<min(lo + chunkSize, count))
        }
        return Array(out)
    }
}

extension Wave.Granularity {
    /// `quarters`, `months`, `years`.
    var plural: String { rawValue + "s" }
}
