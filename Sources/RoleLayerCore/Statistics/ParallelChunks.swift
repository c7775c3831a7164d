import Dispatch

/// The deterministic parallel loop behind ``ClusterBootstrap`` and ``PermutationTest``: items
/// `0..<count` (replicates, permutations) are split into contiguous chunks that
/// `DispatchQueue.concurrentPerform` runs on whatever threads it has.
///
/// Determinism: chunk `c` of `k` holds items `c·count/k ..< (c+1)·count/k`, a split fixed by
/// `(count, k)` alone. The callers give every item its own generator stream
/// (`RandomGenerator(seed:stream: item)`) and let it write only its own output slots, so the
/// result is byte-identical for any chunk count, thread count and order of execution
/// (`ClusterBootstrapTests.identicalForAnyConcurrency`, `PermutationTestTests`).
///
/// Chunk count: a fixed default of ``defaultChunkCount`` (64), not a processor count asked from
/// the system (the core does no system calls; `concurrentPerform` already sizes its thread pool
/// to the machine). 64 chunks keep 2 to 64 cores busy with little imbalance, and at B = 1000 a
/// chunk still runs about 16 items, so the per-chunk set-up (a multiplicity buffer, a scratch
/// value) stays negligible.
enum ParallelChunks {
    /// The number of chunks used when the caller does not set one (64).
    static let defaultChunkCount = 64

    /// Calls `body` once per non-empty chunk of `0..<count`, in parallel when there is more than
    /// one chunk. `chunks` nil means ``defaultChunkCount``; it is clamped to `1...count`.
    /// `body` runs concurrently on several threads and must write only the slots of its own items.
    static func forEach(count: Int, chunks requested: Int?, _ body: @Sendable (_ items: Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(count, max(1, requested ?? defaultChunkCount))
        @Sendable func work(_ chunk: Int) {
            let lo = chunk * count / chunks, hi = (chunk + 1) * count / chunks
            if lo < hi { body(lo..<hi) }
        }
        if chunks == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
        }
    }
}

extension ParallelChunks {
    /// `body(0) ... body(count - 1)` run concurrently, one item per work item, their results
    /// returned in item order: the same array a serial `map` gives, whatever the thread count.
    /// ``Analysis/run(table:request:)`` runs its waves this way.
    static func map<T: Sendable>(count: Int, _ body: @Sendable (_ item: Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        let sink = Slots(buffer: slots)
        forEach(count: count, chunks: count) { items in
            for i in items { sink.buffer[i] = body(i) }
        }
        return slots.map { $0! }
    }
}

/// The result slots shared by the work items of ``ParallelChunks/map(count:_:)``; each item
/// writes only its own slot.
private struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
