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

/// A ``RecordResult`` whose response has gone to its slot (``ReadAssembler/Slots/place(_:at:)``):
/// what the whole-file rules still need, a third of the size (the parallel pass keeps one per
/// record until the end).
struct PlacedRecord: Sendable {
    var row: Int
    var line: Int
    var wave: Wave?
    var waveText: String?
    var wavePosition: Int
    var respondentIDPosition: Int
    var problems: [RowProblem]
    var filteredBy: String?
    /// The hash of the (wave, respondent_id) key when the record has a response in its slot.
    var keyHash: Int?
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
        nonisolated(unsafe) var chunks = input
        var starts: [Int] = []
        var total = 0
        for c in chunks.indices {
            starts.append(total)
            total += chunks[c].count
        }
        return assemble(file: file, format: format, fileProblems: fileProblems, count: total,
                        granularity: requested) { slots in
            // Move the responses into their slots, on all cores.
            let placed = UnsafeMutableBufferPointer<[PlacedRecord]>.allocate(capacity: chunks.count)
            placed.initialize(repeating: [])
            defer { placed.deinitialize(); placed.deallocate() }
            nonisolated(unsafe) let out = placed
            chunks.withUnsafeMutableBufferPointer { all in
                nonisolated(unsafe) let all = all
                let starts = starts
                let work: @Sendable (Int) -> Void = { c in
                    let records = all[c]
                    all[c] = []
                    out[c] = records.enumerated().map { k, r in slots.place(r, at: starts[c] + k) }
                }
                if all.count <= 1 {
                    for c in all.indices { work(c) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: all.count, execute: work)
                }
            }
            return Array(placed)
        }
    }

    /// Where the readers' parallel pass puts the responses: one slot per record (record `i` of
    /// the file in slot `i`), inside the storage of the report's `accepted` array, so that an
    /// accepted response is never copied again (the whole-file rules only close the gaps).
    struct Slots: @unchecked Sendable {
        fileprivate let base: UnsafeMutablePointer<ImportedResponse>

        /// Moves `record`'s response (if any, and not filtered) into slot `index`; the rest of the
        /// record stays with the whole-file rules. Each index is placed at most once, by one thread.
        func place(_ record: consuming RecordResult, at index: Int) -> PlacedRecord {
            var keyHash: Int?
            if record.filteredBy == nil, let response = record.response.take() {
                // Swift's own hashing, so that keys equal as `String`s (canonically equivalent text) hash alike.
                keyHash = Key(wave: response.wave, respondentID: response.respondentID).hashValue
                (base + index).initialize(to: ImportedResponse(response: response, row: record.row))
            }
            return PlacedRecord(row: record.row, line: record.line, wave: record.wave, waveText: record.waveText,
                                wavePosition: record.wavePosition, respondentIDPosition: record.respondentIDPosition,
                                problems: record.problems, filteredBy: record.filteredBy, keyHash: keyHash)
        }
    }

    /// The whole-file rules over `count` records: `produce` fills the slots (``Slots/place(_:at:)``)
    /// and returns the records in file order, `count` in all.
    static func assemble(file: String, format: InputFormat, fileProblems: [ImportProblem], count total: Int,
                         granularity requested: Wave.Granularity?,
                         produce: (Slots) -> [[PlacedRecord]]) -> ReadReport {
        var granularity = requested
        var problems = fileProblems
        var rejected = 0
        var filtered: [String: Int] = [:]
        let accepted = [ImportedResponse](unsafeUninitializedCapacity: total) { buffer, acceptedCount in
            acceptedCount = 0
            guard total > 0, let base = buffer.baseAddress else { return }
            let chunks = produce(Slots(base: base))
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
            var seen = FirstKeys(capacity: total)
            var index = 0  // the record's slot
            var kept = 0   // accepted so far: slots 0..<kept hold them, in order
            for chunk in chunks {
                // through a pointer: the loop reads fields, it never copies a record
                chunk.withUnsafeBufferPointer { records in
                    for k in records.indices {
                        let r = records.baseAddress! + k
                        defer { index += 1 }
                        if let filter = r.pointee.filteredBy {
                            filtered[filter, default: 0] += 1
                            continue
                        }
                        var ok = r.pointee.keyHash != nil
                        var extra: RowProblem?
                        if let w = r.pointee.wave, let g = granularity, w.granularity != g {
                            let origin = granularityRow.map { "the file's waves are \(g.plural) (set by row \($0))" }
                                ?? "the study's waves are \(g.plural)"
                            extra = RowProblem(
                                position: r.pointee.wavePosition, column: "wave", value: r.pointee.waveText,
                                reason: "wave is a \(w.granularity.rawValue), but \(origin); one study uses one granularity",
                                severity: .error)
                            ok = false
                        }
                        if ok, let hash = r.pointee.keyHash {
                            let slot = base + index
                            if let first = seen.first(hash: hash, of: slot, in: base) {
                                extra = RowProblem(
                                    position: r.pointee.respondentIDPosition, column: "respondent_id", value: slot.pointee.response.respondentID,
                                    reason: "duplicate (wave, respondent_id) \(slot.pointee.response.wave): first given in row \(first), which stands",
                                    severity: .error)
                                ok = false
                            } else {
                                if kept != index { (base + kept).moveInitialize(from: slot, count: 1) }
                                seen.insert(hash: hash, index: kept)
                                kept += 1
                            }
                        }
                        if !ok {
                            rejected += 1
                            if r.pointee.keyHash != nil { (base + index).deinitialize(count: 1) }
                        }
                        if r.pointee.problems.isEmpty && extra == nil { continue }
                        var rowProblems = r.pointee.problems
                        if let extra { rowProblems.append(extra) }
                        if rowProblems.count > 1 {
                            rowProblems = rowProblems.enumerated()
                                .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
                                .map(\.element)
                        }
                        for p in rowProblems { problems.append(p.problem(file: file, row: r.pointee.row, line: r.pointee.line)) }
                    }
                }
            }
            precondition(index == total, "the readers gave \(index) records for \(total) slots")
            acceptedCount = kept
        }
        return ReadReport(file: file, format: format, rowsRead: total, accepted: accepted, problems: problems,
                          rejectedRows: rejected, granularity: granularity, filtered: filtered)
    }

    /// The first accepted row of each (wave, respondent_id) key: an open-addressing table of
    /// positions in the accepted responses, probed with precomputed hashes; keys are compared
    /// as values (`Wave` and `String` equality), so the result is the same as a dictionary's.
    private struct FirstKeys {
        /// Per slot: the upper 32 bits of the hash, then the accepted position + 1 (0: empty).
        private var slots: [UInt64]
        private let mask: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            slots = [UInt64](repeating: 0, count: size)
            mask = size - 1
        }

        /// The row of the accepted response (in `accepted`) with the key of `record`'s, if any.
        func first(hash: Int, of record: UnsafeMutablePointer<ImportedResponse>,
                   in accepted: UnsafeMutablePointer<ImportedResponse>) -> Int? {
            let tag = UInt64(UInt(bitPattern: hash) >> 32) << 32
            var i = hash & mask
            while true {
                let s = slots[i]
                if s == 0 { return nil }
                if s & 0xFFFF_FFFF_0000_0000 == tag {
                    let a = accepted + Int(s & 0xFFFF_FFFF) - 1
                    if a.pointee.response.wave == record.pointee.response.wave
                        && a.pointee.response.respondentID == record.pointee.response.respondentID {
                        return a.pointee.row
                    }
                }
                i = (i + 1) & mask
            }
        }

        /// Records accepted position `index` under `hash` (its key must not be there yet).
        mutating func insert(hash: Int, index: Int) {
            precondition(index < 0xFFFF_FFFF, "more than 2^32 - 2 accepted responses")
            let tag = UInt64(UInt(bitPattern: hash) >> 32) << 32
            var i = hash & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = tag | UInt64(index + 1)
        }
    }

    /// ``parallelChunks(count:chunkSize:_:)`` with per-worker state (a validator and its lookup
    /// caches) that lives across chunks: a chunk takes an idle worker, or makes one, and gives it
    /// back when done, so the caches warm up once per thread rather than once per chunk. The
    /// result must not depend on which worker runs a chunk.
    static func parallelChunks<T: Sendable, W: Sendable>(
        count: Int, chunkSize: Int, worker makeWorker: @escaping @Sendable () -> W,
        _ body: @Sendable (Range<Int>, inout W) -> [T]
    ) -> [[T]] {
        let pool = WorkerPool(make: makeWorker)
        return parallelChunks(count: count, chunkSize: chunkSize) { range in
            var worker = pool.take()
            defer { pool.giveBack(worker) }
            return body(range, &worker)
        }
    }

    /// Idle workers of ``parallelChunks(count:chunkSize:worker:_:)``.
    private final class WorkerPool<W: Sendable>: @unchecked Sendable {
        private let make: @Sendable () -> W
        private var idle: [W] = []
        private let lock = DispatchQueue(label: "RoleLayerIO.ReadAssembler.WorkerPool")

        init(make: @escaping @Sendable () -> W) { self.make = make }

        func take() -> W { lock.sync { idle.popLast() } ?? make() }
        func giveBack(_ worker: W) { lock.sync { idle.append(worker) } }
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
