/// Percentile interval from a cluster bootstrap, or why there is none.
///
/// `lower` and `upper` are the type-7 quantiles (Hyndman & Fan 1996) of the defined replicate
/// values at (1 - level)/2 and 1 - (1 - level)/2 (the 2.5th and 97.5th percentiles for level 0.95).
/// All three numbers are `nil` exactly when `unavailableReason` is set.
public struct BootstrapSummary: Sendable, Hashable, Codable {
    /// Lower percentile bound (the 2.5th percentile for level 0.95); `nil` when not available.
    public var lower: Double?
    /// Upper percentile bound (the 97.5th percentile for level 0.95); `nil` when not available.
    public var upper: Double?
    /// Mean of the defined replicate values, for the bias correction `2 * estimate - replicateMean`
    /// (Efron & Tibshirani 1993, §10.6); `nil` when not available.
    public var replicateMean: Double?
    /// Number of replicates requested (B), defined or not.
    public var replicates: Int
    /// Replicates in which the statistic was undefined (`nil` or not finite); they are dropped.
    public var undefinedReplicates: Int
    /// Why there is no interval, e.g. `"bootstrap disabled (B = 0)"` or
    /// `"more than 10% of replicates undefined"`; `nil` when the interval is available.
    public var unavailableReason: String?

    /// Memberwise initialiser (for decoding fixtures and tests).
    public init(lower: Double?, upper: Double?, replicateMean: Double?, replicates: Int,
                undefinedReplicates: Int, unavailableReason: String?) {
        self.lower = lower
        self.upper = upper
        self.replicateMean = replicateMean
        self.replicates = replicates
        self.undefinedReplicates = undefinedReplicates
        self.unavailableReason = unavailableReason
    }

    /// `true` when `lower`, `upper` and `replicateMean` hold values.
    public var isAvailable: Bool { unavailableReason == nil }
}

/// The cluster bootstrap over organisations (Davison & Hinkley 1997, §3.8; Field & Welsh 2007,
/// JRSS-B 69:369-390): resample the clusters with replacement, recompute the statistic, take
/// percentile intervals.
///
/// The statistic never sees respondents. It receives the cluster **multiplicities** (how often
/// each cluster was drawn in the replicate; they sum to the cluster count) and combines
/// per-cluster sufficient statistics with them, so a replicate costs O(clusters x statistic),
/// not O(respondents) (see constructs.md, "Uncertainty").
///
/// Determinism: replicate `b` (0-based) draws from `RandomGenerator(seed: seed, stream: UInt64(b))`,
/// `clusterCount` draws of `nextInt(below: clusterCount)`, whichever thread runs it; each worker
/// writes into its own slice of a preallocated buffer. The result is byte-identical for any
/// number of threads.
///
/// Two forms share one drawing loop: this one hands the statistic one replicate's `Int32`
/// multiplicities at a time; the batched form (``runBatched(clusterCount:statisticCount:scratch:statistic:)``,
/// ``ReplicateBatch``) hands it eight replicates at once, cluster-major, which is what the
/// constructs use (several times faster for sums over many clusters).
///
/// Example (a mean over organisations from per-organisation sums and counts):
/// ```swift
/// let boot = ClusterBootstrap(replicates: 1000, seed: 20260101)
/// let summary = boot.run(clusterCount: sums.count, statisticCount: 1) { m, out in
///     var s = 0.0, n = 0.0
///     for c in 0..<m.count where m[c] != 0 { s += Double(m[c]) * sums[c]; n += Double(m[c]) * counts[c] }
///     out[0] = n > 0 ? s / n : nil
/// }[0]
/// ```
public struct ClusterBootstrap: Sendable {
    /// Number of replicates B (0 disables the bootstrap).
    public let replicateCount: Int
    /// The seed of every replicate's generator (default in the constructs: 20260101).
    public let seed: UInt64
    /// Confidence level of the percentile interval, in (0, 1); 0.95 gives the 2.5th and 97.5th percentiles.
    public let confidenceLevel: Double
    /// Largest share of undefined replicates, in 0...1, for which an interval is still given.
    public let maximumUndefinedShare: Double
    /// Number of parallel work items (chunks of replicates). Results do not depend on it;
    /// it exists so tests can prove that. `nil` = the fixed default of 64 chunks
    /// (``ParallelChunks/defaultChunkCount``).
    internal var workerCount: Int?

    /// Creates a bootstrap of `replicates` replicates.
    ///
    /// - Parameters:
    ///   - replicates: B >= 0; 0 disables the bootstrap (every summary is "not available").
    ///   - seed: any 64-bit seed.
    ///   - confidenceLevel: in (0, 1).
    ///   - maximumUndefinedShare: in 0...1; the interval is "not available" when more than this
    ///     share of replicates is undefined (constructs.md: 10%).
    /// - Precondition: the ranges above (programmer errors, not data errors).
    public init(replicates: Int, seed: UInt64, confidenceLevel: Double = 0.95, maximumUndefinedShare: Double = 0.10) {
        precondition(replicates >= 0, "replicates must be >= 0")
        precondition(confidenceLevel > 0 && confidenceLevel < 1, "confidenceLevel must be in (0, 1)")
        precondition(maximumUndefinedShare >= 0 && maximumUndefinedShare <= 1, "maximumUndefinedShare must be in 0...1")
        self.replicateCount = replicates
        self.seed = seed
        self.confidenceLevel = confidenceLevel
        self.maximumUndefinedShare = maximumUndefinedShare
        self.workerCount = nil
    }

    /// Resamples `clusterCount` clusters with replacement B times and summarises each statistic.
    ///
    /// Replicate b uses `RandomGenerator(seed: seed, stream: UInt64(b))` and draws `clusterCount`
    /// indices with `nextInt(below:)`, giving multiplicities (count = `clusterCount`, summing to
    /// `clusterCount`). `statistic` maps them to `statisticCount` values in `out` (which arrives
    /// filled with `nil`, count = `statisticCount`); a `nil` or non-finite entry is undefined in that
    /// replicate. `statistic` is called concurrently from several threads and must not allocate in
    /// its hot path if speed matters. Replicates run in parallel (`DispatchQueue.concurrentPerform`
    /// over 64 chunks, `ParallelChunks`); results are identical for any thread count.
    ///
    /// - Returns: one ``BootstrapSummary`` per statistic (count = `statisticCount`). With
    ///   `clusterCount == 0` every replicate is undefined (nothing to resample).
    public func run(clusterCount: Int, statisticCount: Int,
                    statistic: @Sendable (_ multiplicities: UnsafeBufferPointer<Int32>, _ out: inout [Double?]) -> Void)
        -> [BootstrapSummary] {
        replicates(clusterCount: clusterCount, statisticCount: statisticCount, statistic: statistic).map(summarise)
    }

    /// Same as ``run(clusterCount:statisticCount:statistic:)``, returning the raw replicate values
    /// instead: `[statistic][replicate]` (shape `statisticCount` x B), `nil` = undefined (non-finite
    /// values are returned as `nil` too).
    public func replicates(clusterCount: Int, statisticCount: Int,
                           statistic: @Sendable (_ multiplicities: UnsafeBufferPointer<Int32>, _ out: inout [Double?]) -> Void)
        -> [[Double?]] {
        replicates(clusterCount: clusterCount, statisticCount: statisticCount, scratch: { () }) { m, out, _ in
            statistic(m, &out)
        }
    }

    /// ``run(clusterCount:statisticCount:statistic:)`` with per-worker scratch space: `scratch` is
    /// called once per parallel work item and its value is passed, `inout`, to every replicate that
    /// work item runs, so a statistic needing buffers (for example `ClusterSums.means`'s sums and
    /// weights) allocates nothing per replicate. The statistic must not carry information from one
    /// replicate to the next through the scratch value (results would then depend on the thread count).
    public func run<Scratch>(clusterCount: Int, statisticCount: Int, scratch: @Sendable () -> Scratch,
                             statistic: @Sendable (_ multiplicities: UnsafeBufferPointer<Int32>, _ out: inout [Double?],
                                                   _ scratch: inout Scratch) -> Void)
        -> [BootstrapSummary] {
        replicates(clusterCount: clusterCount, statisticCount: statisticCount, scratch: scratch, statistic: statistic)
            .map(summarise)
    }

    /// ``replicates(clusterCount:statisticCount:statistic:)`` with per-worker scratch space, as
    /// ``run(clusterCount:statisticCount:scratch:statistic:)``.
    public func replicates<Scratch>(clusterCount: Int, statisticCount: Int, scratch makeScratch: @Sendable () -> Scratch,
                                    statistic: @Sendable (_ multiplicities: UnsafeBufferPointer<Int32>, _ out: inout [Double?],
                                                          _ scratch: inout Scratch) -> Void)
        -> [[Double?]] {
        precondition(clusterCount >= 0 && statisticCount >= 0, "counts must be >= 0")
        precondition(clusterCount <= Int(Int32.max), "too many clusters for Int32 multiplicities")
        // One drawing loop for both forms: the batched bootstrap, each lane handed to the
        // statistic as its own replicate.
        return batchedReplicates(
            clusterCount: clusterCount, statisticCount: statisticCount,
            scratch: { (multiplicities: [Int32](), out: [Double?](repeating: nil, count: statisticCount), user: makeScratch()) }
        ) { batch, out, scratch in
            batch.laneMajor(into: &scratch.multiplicities)
            for lane in 0..<batch.count {
                for k in 0..<statisticCount { scratch.out[k] = nil }
                scratch.multiplicities.withUnsafeBufferPointer { lanes in
                    statistic(UnsafeBufferPointer(rebasing: lanes[lane * clusterCount ..< (lane + 1) * clusterCount]),
                              &scratch.out, &scratch.user)
                }
                precondition(scratch.out.count == statisticCount, "statistic changed the count of `out`")
                for k in 0..<statisticCount { out[lane: lane, statistic: k] = scratch.out[k] }
            }
        }
    }

    /// Summarises raw replicate values into a percentile interval.
    ///
    /// `values` has one entry per replicate (count = B requested); `nil` and non-finite entries are
    /// undefined, dropped and counted. The bounds are type-7 quantiles (Hyndman & Fan 1996) of the
    /// defined values at (1 - level)/2 and 1 - (1 - level)/2; `replicateMean` is their mean.
    /// "Not available" (all three `nil`, with a reason) when B = 0, when more than
    /// `maximumUndefinedShare` of the replicates are undefined, or when none is defined.
    public func summarise(_ values: [Double?]) -> BootstrapSummary {
        let total = values.count
        var sorted = [Double]()
        sorted.reserveCapacity(total)
        for case let v? in values where v.isFinite { sorted.append(v) }
        let undefined = total - sorted.count
        func unavailable(_ reason: String) -> BootstrapSummary {
            BootstrapSummary(lower: nil, upper: nil, replicateMean: nil, replicates: total,
                             undefinedReplicates: undefined, unavailableReason: reason)
        }
        if total == 0 { return unavailable("bootstrap disabled (B = 0)") }
        if Double(undefined) > maximumUndefinedShare * Double(total) {
            return unavailable("more than \(ClusterBootstrap.percentText(maximumUndefinedShare))% of replicates undefined")
        }
        if sorted.isEmpty { return unavailable("no defined replicates") }
        sorted.sort()  // finite values only: NaN never reaches the sort
        let alpha = (1 - confidenceLevel) / 2
        return BootstrapSummary(lower: Quantile.type7(sorted: sorted, alpha),
                                upper: Quantile.type7(sorted: sorted, 1 - alpha),
                                replicateMean: CompensatedSum.sum(sorted) / Double(sorted.count),
                                replicates: total, undefinedReplicates: undefined, unavailableReason: nil)
    }

    // MARK: - Helpers

    /// "10" for 0.10, "2.5" for 0.025: the share as a percentage without trailing zeros.
    static func percentText(_ share: Double) -> String {
        let percent = (share * 1000).rounded() / 10
        return percent == percent.rounded() ? String(Int(percent)) : String(percent)
    }
}
