/// The multiplicities of up to eight bootstrap replicates at once, stored cluster-major.
///
/// `multiplicities[c]` holds, in lane `j`, how often cluster `c` was drawn in replicate
/// `first + j` (an integer in 0...clusterCount, as a `Double`). Lanes `count..<8` are all zero.
/// A statistic built from per-cluster sums reads each cluster's entries once and multiplies them
/// into eight replicate accumulators with one vector operation
/// (`acc += multiplicities[c] * SIMD8(repeating: value)`), instead of gathering one multiplicity
/// per replicate: the batched form of ``ClusterBootstrap`` (constructs.md, "Uncertainty").
///
/// The draws are those of the unbatched ``ClusterBootstrap/replicates(clusterCount:statisticCount:statistic:)``:
/// replicate `b` uses `RandomGenerator(seed: seed, stream: UInt64(b))`, so a batched statistic
/// that sums in the same order gives bit-identical replicate values.
public struct ReplicateBatch: @unchecked Sendable {
    /// Lanes per batch (replicates processed together).
    public static let width = 8
    /// Index (0-based) of the replicate in lane 0.
    public let first: Int
    /// Replicates in this batch, 1...8; lanes `count...` hold zero multiplicities and their
    /// outputs are ignored.
    public let count: Int
    /// Per-cluster multiplicities, count = clusters; lane j = replicate `first + j`.
    public let multiplicities: UnsafeBufferPointer<SIMD8<Double>>
}

extension ReplicateBatch {
    /// The batch's multiplicities as `Int32`, lane-major: `out[lane * clusters + cluster]`
    /// (resized to 8 × clusters as needed; lanes `count...` are 0), in one pass over the clusters.
    /// For statistics that read one replicate's multiplicities at a time, or in an order other
    /// than the clusters' (the per-replicate form of ``ClusterBootstrap``, the within-organisation
    /// gradient); lane j is then `out[j * clusters ..< (j + 1) * clusters]`.
    func laneMajor(into out: inout [Int32]) {
        let clusterCount = multiplicities.count
        if out.count != Self.width * clusterCount { out = [Int32](repeating: 0, count: Self.width * clusterCount) }
        out.withUnsafeMutableBufferPointer { lm in
            for c in 0..<clusterCount {
                let k = multiplicities[c]
                for lane in 0..<Self.width { lm[lane &* clusterCount &+ c] = Int32(k[lane]) }
            }
        }
    }
}

/// What a batched statistic writes: `statisticCount` values for each of the batch's lanes.
///
/// Every value starts undefined (NaN). Setting a lane's value to `nil` or a non-finite number
/// leaves it undefined in that replicate, as a `nil` does in the unbatched API.
public struct ReplicateBatchOutput {
    /// Number of statistics per replicate.
    public let statisticCount: Int
    @usableFromInline var storage: [Double]

    init(statisticCount: Int) {
        self.statisticCount = statisticCount
        storage = [Double](repeating: .nan, count: statisticCount * ReplicateBatch.width)
    }

    /// Statistic `statistic` (0..<statisticCount) of lane `lane` (0..<8); `nil` = undefined.
    @inlinable
    public subscript(lane lane: Int, statistic statistic: Int) -> Double? {
        get {
            let v = storage[lane * statisticCount + statistic]
            return v.isFinite ? v : nil
        }
        set { storage[lane * statisticCount + statistic] = newValue ?? .nan }
    }

    /// Sets statistic `statistic` in every lane from a vector (non-finite lanes are undefined).
    @inlinable
    public mutating func set(statistic: Int, _ lanes: SIMD8<Double>) {
        for j in 0..<ReplicateBatch.width { storage[j * statisticCount + statistic] = lanes[j] }
    }

    mutating func reset() {
        for i in storage.indices { storage[i] = .nan }
    }
}

extension ClusterBootstrap {
    /// The batched form of ``replicates(clusterCount:statisticCount:scratch:statistic:)``: the
    /// statistic receives up to eight replicates' multiplicities at once (``ReplicateBatch``,
    /// cluster-major `SIMD8<Double>`), and writes each lane's values into a
    /// ``ReplicateBatchOutput``.
    ///
    /// Draws, determinism and threading are those of the unbatched API: replicate `b` draws
    /// `clusterCount` indices from `RandomGenerator(seed: seed, stream: UInt64(b))`; batches
    /// `[0, 8), [8, 16), ...` run in parallel (`ParallelChunks`); `scratch` is made once per work
    /// item. Results are identical for any thread count.
    ///
    /// - Returns: `[statistic][replicate]` (shape `statisticCount` x B), `nil` = undefined.
    public func batchedReplicates<Scratch>(
        clusterCount: Int, statisticCount: Int, scratch makeScratch: @Sendable () -> Scratch,
        statistic: @Sendable (_ batch: ReplicateBatch, _ out: inout ReplicateBatchOutput, _ scratch: inout Scratch) -> Void
    ) -> [[Double?]] {
        precondition(clusterCount >= 0 && statisticCount >= 0, "counts must be >= 0")
        let b = replicateCount, s = statisticCount, width = ReplicateBatch.width
        guard b > 0, s > 0, clusterCount > 0 else {
            return Array(repeating: [Double?](repeating: nil, count: b), count: s)
        }
        let batchCount = (b + width - 1) / width
        var values = [Double](repeating: .nan, count: b * s)
        let seed = self.seed
        values.withUnsafeMutableBufferPointer { valuesBuffer in
            let sink = BatchSink(values: valuesBuffer)
            ParallelChunks.forEach(count: batchCount, chunks: workerCount) { batches in
                let multiplicities = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: clusterCount)
                defer { multiplicities.deallocate() }
                var out = ReplicateBatchOutput(statisticCount: s)
                var counts = [SIMD8<UInt8>]()
                var scratch = makeScratch()
                for batchIndex in batches {
                    let first = batchIndex * width
                    let count = min(width, b - first)
                    Self.draw(into: multiplicities, seed: seed, first: first, count: count, counts: &counts)
                    out.reset()
                    statistic(ReplicateBatch(first: first, count: count, multiplicities: UnsafeBufferPointer(multiplicities)),
                              &out, &scratch)
                    for lane in 0..<count {
                        let row = (first + lane) * s
                        for k in 0..<s { sink.values[row + k] = out.storage[lane * s + k] }
                    }
                }
            }
        }
        var result = [[Double?]]()
        result.reserveCapacity(s)
        for k in 0..<s {
            var column = [Double?](repeating: nil, count: b)
            for r in 0..<b {
                let v = values[r * s + k]
                if v.isFinite { column[r] = v }
            }
            result.append(column)
        }
        return result
    }

    /// ``batchedReplicates(clusterCount:statisticCount:scratch:statistic:)`` summarised into
    /// percentile intervals (one ``BootstrapSummary`` per statistic), as ``run(clusterCount:statisticCount:scratch:statistic:)``.
    public func runBatched<Scratch>(
        clusterCount: Int, statisticCount: Int, scratch: @Sendable () -> Scratch,
        statistic: @Sendable (_ batch: ReplicateBatch, _ out: inout ReplicateBatchOutput, _ scratch: inout Scratch) -> Void
    ) -> [BootstrapSummary] {
        batchedReplicates(clusterCount: clusterCount, statisticCount: statisticCount, scratch: scratch,
                          statistic: statistic).map(summarise)
    }

    /// Fills `m` (count = clusters) with the multiplicities of replicates `first..<first+count`,
    /// lane j = replicate first + j, drawn exactly as the unbatched bootstrap draws them.
    ///
    /// The draws are counted in 8-bit lanes (`counts`, reused; 8 bytes per cluster, so the
    /// random increments stay in the second-level cache for tens of thousands of clusters) and
    /// then widened to `Double`. A cluster's count cannot exceed the cluster count, so it
    /// overflows only with 256 or more clusters and a cluster drawn 256 times (probability at
    /// most 1/256! ≈ 10^-507 per cluster and replicate); the batch then goes to the direct
    /// `Double` count.
    /// `countLimit` (tests only) lowers the largest count kept in 8 bits.
    static func draw(into m: UnsafeMutableBufferPointer<SIMD8<Double>>, seed: UInt64, first: Int, count: Int,
                     counts: inout [SIMD8<UInt8>], countLimit: UInt8 = .max) {
        let clusterCount = m.count
        if counts.count != clusterCount { counts = [SIMD8<UInt8>](repeating: SIMD8(), count: clusterCount) }
        var overflow = false
        counts.withUnsafeMutableBufferPointer { c in
            c.update(repeating: SIMD8())
            c.withMemoryRebound(to: UInt8.self) { flat in
                // Lane by lane, so each lane consumes its own generator's draws in the unbatched order.
                for lane in 0..<count {
                    var generator = RandomGenerator(seed: seed, stream: UInt64(first + lane))
                    for _ in 0..<clusterCount {
                        let i = generator.nextInt(below: clusterCount) &* 8 &+ lane
                        let next = flat[i] &+ 1
                        flat[i] = next
                        overflow = overflow || next &- 1 >= countLimit  // wrapped to 0, or past the limit
                    }
                }
            }
            if !overflow {
                for i in 0..<clusterCount { m[i] = SIMD8<Double>(c[i]) }
            }
        }
        guard overflow else { return }
        m.update(repeating: SIMD8<Double>())
        m.withMemoryRebound(to: Double.self) { flat in
            for lane in 0..<count {
                var generator = RandomGenerator(seed: seed, stream: UInt64(first + lane))
                for _ in 0..<clusterCount { flat[generator.nextInt(below: clusterCount) &* 8 &+ lane] += 1 }
            }
        }
    }
}

/// The shared output buffer; each work item writes only its own replicates' rows.
private struct BatchSink: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
}
