/// A Monte Carlo permutation test with the add-one p-value
/// p = (1 + #{permuted >= observed}) / (1 + permutations)
/// (Davison & Hinkley 1997, eq. 4.11; Phipson & Smyth 2010, "Permutation p-values should never
/// be zero", SAGMB 9(1):39), so p lies in (0, 1].
///
/// Determinism: permutation k (0-based) draws from `RandomGenerator(seed: seed, stream: UInt64(k))`
/// whichever thread runs it; permutations run in parallel over chunks
/// (`DispatchQueue.concurrentPerform`) and the result is identical for any thread count.
///
/// Ties: a permuted value counts as ">= observed" when it is >= observed - 100 * ulp-epsilon * |observed|
/// (the relative tolerance of `scipy.stats.permutation_test`), so values equal in exact arithmetic
/// but differing by rounding count as ties.
public struct PermutationTest: Sendable {
    /// The outcome of a permutation test.
    public struct Result: Sendable, Hashable, Codable {
        /// The add-one p-value in (0, 1]: (1 + exceedances) / (1 + defined permutations).
        public var pValue: Double
        /// The observed statistic (finite).
        public var observed: Double
        /// Defined permuted statistics at or above the observed one.
        public var exceedances: Int
        /// Permutations requested.
        public var permutations: Int
        /// Permutations whose statistic was undefined (`nil` or not finite); they are left out of
        /// both counts of the p-value.
        public var undefinedPermutations: Int
    }

    /// Number of permutations (constructs.md default for the blocker test: 999); must be > 0 to run.
    public let permutations: Int
    /// The seed of every permutation's generator.
    public let seed: UInt64
    /// Number of parallel work items; results do not depend on it (tests prove that). `nil` = the
    /// fixed default of 64 chunks (``ParallelChunks/defaultChunkCount``).
    internal var workerCount: Int?

    /// Creates a test with `permutations` (>= 0) seeded permutations.
    /// - Precondition: `permutations >= 0`.
    public init(permutations: Int, seed: UInt64) {
        precondition(permutations >= 0, "permutations must be >= 0")
        self.permutations = permutations
        self.seed = seed
        self.workerCount = nil
    }

    /// Runs the test with a statistic that draws its own permutation from the generator it is given
    /// (one generator per permutation, stream = permutation number).
    ///
    /// - Parameters:
    ///   - observed: the statistic on the data as observed (finite).
    ///   - statistic: returns the statistic under one random permutation; `nil` = undefined. Called
    ///     concurrently from several threads.
    /// - Throws: `.nonFinite` when `observed` is not finite; `StatisticError("permutation test disabled
    ///   (0 permutations)")`; `StatisticError("no defined permutations")` when every permuted statistic
    ///   is undefined.
    public func run(observed: Double,
                    statistic: @Sendable (_ generator: inout RandomGenerator) -> Double?) throws(StatisticError) -> Result {
        let values = permutedValues(scratch: { () }) { generator, _ in statistic(&generator) }
        return try Self.result(observed: observed, permuted: values)
    }

    /// Runs the test with a statistic that draws its own permutation, as ``run(observed:statistic:)``,
    /// and reuses a scratch value (buffers) of its own: `makeScratch` is called once per parallel
    /// work item (not per permutation), so a statistic need not allocate per permutation. The
    /// result does not depend on what the scratch holds on entry.
    ///
    /// - Parameters:
    ///   - observed: the statistic on the data as observed (finite).
    ///   - makeScratch: a fresh scratch value.
    ///   - statistic: the statistic under one random permutation drawn from `generator`; it may
    ///     overwrite `scratch`; `nil` = undefined. Called concurrently, each call with its own scratch.
    /// - Throws: as ``run(observed:statistic:)``.
    public func run<Scratch>(observed: Double, scratch makeScratch: @Sendable () -> Scratch,
                             statistic: @Sendable (_ generator: inout RandomGenerator, _ scratch: inout Scratch) -> Double?)
        throws(StatisticError) -> Result {
        let values = permutedValues(scratch: makeScratch, statistic)
        return try Self.result(observed: observed, permuted: values)
    }

    /// Runs the test by permuting group labels: for each permutation, a fresh copy of `labels`
    /// (count = n respondents, any Int32 codes) is shuffled with Fisher-Yates
    /// (``RandomGenerator/shuffle(_:)``) and passed to `statistic`. Each permutation starts from
    /// the original order, so its labels depend only on the seed and its number.
    ///
    /// - Parameters:
    ///   - labels: the observed labels (for example role indices), count = n.
    ///   - observed: the statistic on the observed labels (finite).
    ///   - statistic: the statistic under the permuted labels (count = n); `nil` = undefined.
    /// - Throws: as ``run(observed:statistic:)``.
    public func run(labels: [Int32], observed: Double,
                    statistic: @Sendable (_ permutedLabels: [Int32]) -> Double?) throws(StatisticError) -> Result {
        let values = permutedValues(scratch: { [Int32]() }) { generator, scratch in
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: labels)
            generator.shuffle(&scratch)
            return statistic(scratch)
        }
        return try Self.result(observed: observed, permuted: values)
    }

    /// The add-one p-value from an observed statistic and already computed permuted ones.
    ///
    /// - Parameters:
    ///   - observed: finite.
    ///   - permuted: one entry per permutation; `nil` and non-finite entries are undefined and dropped.
    /// - Throws: `.nonFinite` for a non-finite `observed`; `StatisticError("permutation test disabled
    ///   (0 permutations)")` for an empty `permuted`; `StatisticError("no defined permutations")`.
    public static func result(observed: Double, permuted: [Double?]) throws(StatisticError) -> Result {
        guard observed.isFinite else { throw .nonFinite }
        guard !permuted.isEmpty else { throw StatisticError("permutation test disabled (0 permutations)") }
        let threshold = observed - 100 * Double.ulpOfOne * abs(observed)
        var defined = 0, exceed = 0
        for case let v? in permuted where v.isFinite {
            defined += 1
            if v >= threshold { exceed += 1 }
        }
        guard defined > 0 else { throw StatisticError("no defined permutations") }
        return Result(pValue: Double(1 + exceed) / Double(1 + defined), observed: observed,
                      exceedances: exceed, permutations: permuted.count,
                      undefinedPermutations: permuted.count - defined)
    }

    /// Shuffles `labels` in place with ``RandomGenerator/shuffle(_:)`` (Fisher-Yates): the label
    /// permutation of a permutation test.
    public static func permuteLabels(_ labels: inout [Int32], using generator: inout RandomGenerator) {
        generator.shuffle(&labels)
    }

    /// Shuffles `labels` in place within each stratum (for example within waves): positions with
    /// the same `strata` code exchange labels only among themselves, visited in increasing code order
    /// and, within a code, in index order.
    /// - Throws: `.shape` when `strata.count != labels.count`.
    public static func permuteLabels(_ labels: inout [Int32], within strata: [Int32],
                                     using generator: inout RandomGenerator) throws(StatisticError) {
        guard strata.count == labels.count else {
            throw .shape("\(labels.count) labels but \(strata.count) strata codes")
        }
        var positions = [Int32: [Int]]()
        for (i, s) in strata.enumerated() { positions[s, default: []].append(i) }
        for code in positions.keys.sorted() {
            let idx = positions[code]!
            var block = idx.map { labels[$0] }
            generator.shuffle(&block)
            for (k, i) in idx.enumerated() { labels[i] = block[k] }
        }
    }

    // MARK: - Parallel driver

    /// Permuted statistics in permutation order; `body` gets permutation k's generator and a
    /// per-work-item scratch value (from `makeScratch`) it may reuse.
    private func permutedValues<Scratch>(
        scratch makeScratch: @Sendable () -> Scratch,
        _ body: @Sendable (_ generator: inout RandomGenerator, _ scratch: inout Scratch) -> Double?
    ) -> [Double?] {
        let p = permutations
        guard p > 0 else { return [] }
        var values = [Double](repeating: .nan, count: p)
        let seed = self.seed
        values.withUnsafeMutableBufferPointer { buffer in
            let sink = PermutationSink(values: buffer)
            ParallelChunks.forEach(count: p, chunks: workerCount) { permutations in
                var scratch = makeScratch()
                for k in permutations {
                    var generator = RandomGenerator(seed: seed, stream: UInt64(k))
                    if let v = body(&generator, &scratch), v.isFinite { sink.values[k] = v }
                }
            }
        }
        return values.map { $0.isFinite ? $0 : nil }
    }
}

/// The preallocated output shared by the workers; each writes only its own permutations' slots.
private struct PermutationSink: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
}
