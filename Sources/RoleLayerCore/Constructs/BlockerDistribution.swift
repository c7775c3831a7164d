/// The blocker distribution of one cell (constructs.md §3): which blockers each role cites, where a
/// blocker concentrates, whether blockers depend on role at all, and whether the roles face one
/// shared primary constraint or several.
///
/// Denominators are the respondents who answered the blocker question (an empty set counts as
/// answered, "none cited"); a role's figures are published when enough of *those* respondents and
/// organisations remain (settled conventions, "Which respondents count for the anonymity rule").
/// Primary-blocker profiles count the respondents who named a primary blocker.
public struct BlockerDistributionResult: Codable, Sendable, Hashable {
    /// The cell's wave.
    public var wave: Wave
    /// Respondents of the cell who answered the blocker question.
    public var respondents: Int
    /// Clusters those respondents come from.
    public var organisations: Int
    /// The roles that pass the anonymity rule for the blocker question, in instrument order: the
    /// columns of every chi-square test and the roles permuted in the joint test.
    public var rolesTested: [Role]
    /// The |z| above which an adjusted residual marks a cell: the two-sided normal critical value
    /// at the settings' confidence level (1.959964 for 0.95).
    public var residualThreshold: Double
    /// One entry per blocker of the instrument, in instrument order.
    public var blockers: [BlockerFigures]
    /// The permutation test of multiple marginal independence over all blockers.
    public var jointTest: JointTest
    /// Each role's distribution over primary blockers (one per instrument role).
    public var primaryBlockerProfiles: [PrimaryBlockerProfile]
    /// Jensen-Shannon divergence between the profiles of every pair of published roles.
    public var profileDivergences: [ProfileDivergence]
    /// 1 − mean pairwise Jensen-Shannon divergence of the published profiles, 0...1: near 1 the
    /// roles face one shared constraint, near 0 several at once.
    public var sharedConstraintIndex: Estimate

    /// The figures of one blocker.
    public struct BlockerFigures: Codable, Sendable, Hashable {
        /// The blocker.
        public var blocker: Blocker
        /// p_b: weighted share of the cell's answering respondents citing it, 0...1, with a Wilson
        /// interval (weighted share, unweighted n).
        public var cellShare: Estimate
        /// One entry per instrument role.
        public var roles: [RoleShare]
        /// Chi-square test of independence of citing the blocker against role (2 × roles tested).
        public var test: BlockerTest
    }

    /// One role's figures for one blocker.
    public struct RoleShare: Codable, Sendable, Hashable {
        /// The role.
        public var role: Role
        /// p_rb: weighted share of the role's answering respondents citing the blocker, 0...1, with
        /// a Wilson score interval (Wilson 1927) from the weighted share and the unweighted n.
        public var share: Estimate
        /// Lift = p_rb / p_b (> 1: the role cites it more than the cell does); no interval.
        public var lift: Estimate
        /// Haberman's adjusted standardized residual of the role's "cites" cell; `nil` when the role
        /// is not tested or the test is not available.
        public var adjustedResidual: Double?
        /// `true` when |residual| exceeds ``BlockerDistributionResult/residualThreshold`` in a test
        /// that survives the Benjamini-Hochberg adjustment.
        public var marked: Bool
        /// `true` when marked with a positive residual: the blocker concentrates in this role.
        public var concentrated: Bool
    }

    /// Pearson's chi-square test of one blocker against role.
    public struct BlockerTest: Codable, Sendable, Hashable {
        /// Respondents in the table (answering respondents of the tested roles).
        public var n: Int
        /// X², unweighted counts, no continuity correction.
        public var chiSquare: Double?
        /// Degrees of freedom.
        public var degreesOfFreedom: Int?
        /// Upper-tail p-value.
        public var pValue: Double?
        /// Benjamini-Hochberg adjusted p-value across the blockers with a test.
        public var adjustedPValue: Double?
        /// `true` when the adjusted p-value is at most the settings' false-discovery rate.
        public var survivesAdjustment: Bool
        /// Cramér's V, 0...1.
        public var cramersV: Double?
        /// `true` when an expected count is below 5 (the chi-square approximation is doubtful).
        public var hasSmallExpected: Bool?
        /// Why the test is not available; `nil` when it ran.
        public var reason: String?
    }

    /// The joint permutation test over all blockers (Bilder & Loughin 2004): statistic = Σ_b X²_b,
    /// role labels permuted across the answering respondents of the tested roles.
    public struct JointTest: Codable, Sendable, Hashable {
        /// Respondents permuted.
        public var n: Int
        /// Clusters they come from.
        public var organisations: Int
        /// The observed Σ_b X²_b over the blockers with a test.
        public var statistic: Double?
        /// (1 + #{permuted ≥ observed}) / (1 + permutations), in (0, 1].
        public var pValue: Double?
        /// Permutations requested.
        public var permutations: Int
        /// Permutations whose statistic was undefined.
        public var undefinedPermutations: Int
        /// Why the test is not available; `nil` when it ran.
        public var reason: String?
    }

    /// One role's distribution over primary blockers.
    public struct PrimaryBlockerProfile: Codable, Sendable, Hashable {
        /// The role.
        public var role: Role
        /// Respondents of the role who named a primary blocker.
        public var n: Int
        /// Clusters they come from.
        public var organisations: Int
        /// Weighted share naming each blocker (instrument order, sums to 1); `nil` when suppressed.
        public var shares: [Double]?
        /// Why ``shares`` is missing.
        public var reason: String?
    }

    /// The divergence between two roles' primary-blocker profiles.
    public struct ProfileDivergence: Codable, Sendable, Hashable {
        /// The first role (earlier in instrument order).
        public var first: Role
        /// The second role.
        public var second: Role
        /// Jensen-Shannon divergence (base 2), 0...1, with a cluster-bootstrap interval.
        public var divergence: Estimate
    }
}

/// Computes the blocker distribution (constructs.md §3).
///
/// Sources: Wilson 1927 (intervals); Pearson 1900 and Haberman 1973 (chi-square, adjusted
/// residuals) with Cramér 1946 (V); Benjamini & Hochberg 1995 (false-discovery rate); Bilder &
/// Loughin 2004 (multiple marginal independence, calibrated by permutation); Lin 1991
/// (Jensen-Shannon divergence); Davison & Hinkley 1997 §3.8 (cluster bootstrap).
public enum BlockerDistribution {
    /// The blocker figures of `cell`.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cell: one wave, optionally a segment.
    ///   - settings: anonymity thresholds, confidence level, false-discovery rate, permutations,
    ///     bootstrap B and seed.
    /// - Returns: every figure or its reason. Never throws.
    /// - Complexity: O(respondents × blockers cited) once, plus O(permutations × respondents) for
    ///   the joint test and O(B × clusters × roles) for the profile intervals.
    public static func compute(table: ResponseTable, cell: Cell, settings: AnalysisSettings) -> BlockerDistributionResult {
        let roleCount = table.roleCount, blockerCount = table.blockerCount
        let rule = AnonymityRule(settings: settings)
        let level = settings.confidenceLevel
        let threshold = (try? NormalDistribution.twoSidedCriticalValue(level: level)) ?? .infinity

        // One pass: answering respondents and citations per role, weighted and unweighted.
        var answered = [Int](repeating: 0, count: roleCount)
        var answeredWeight = [Double](repeating: 0, count: roleCount)
        var cited = [Int](repeating: 0, count: roleCount * blockerCount)
        var citedWeight = [Double](repeating: 0, count: roleCount * blockerCount)
        var roleClusterSeen = [Bool](repeating: false, count: cell.clusterCount * roleCount)
        var roleOrganisations = [Int](repeating: 0, count: roleCount)
        var cellClusterSeen = [Bool](repeating: false, count: cell.clusterCount)
        var cellOrganisations = 0
        for k in 0..<cell.count {
            let i = Int(cell.rows[k])
            guard table.blockersAnswered[i] else { continue }
            let r = Int(table.role[i]), c = Int(cell.localCluster[k]), v = table.weight[i]
            answered[r] += 1
            answeredWeight[r] += v
            if !roleClusterSeen[c * roleCount + r] { roleClusterSeen[c * roleCount + r] = true; roleOrganisations[r] += 1 }
            if !cellClusterSeen[c] { cellClusterSeen[c] = true; cellOrganisations += 1 }
            var mask = table.blockers[i]
            while mask != 0 {
                let b = mask.trailingZeroBitCount
                mask &= mask - 1
                guard b < blockerCount else { continue }
                cited[r * blockerCount + b] += 1
                citedWeight[r * blockerCount + b] += v
            }
        }
        let cellN = answered.reduce(0, +)
        let cellWeight = answeredWeight.reduce(0, +)
        let tested = (0..<roleCount).filter { rule.allows(respondents: answered[$0], organisations: roleOrganisations[$0]) }
        let cellPublished = rule.allows(respondents: cellN, organisations: cellOrganisations)
        let testedN = tested.reduce(0) { $0 + answered[$1] }

        // Per-blocker tests over the tested roles, then BH across blockers.
        var tests: [BlockerDistributionResult.BlockerTest] = []
        var residuals: [[Double]?] = []
        for b in 0..<blockerCount {
            guard tested.count >= 2 else {
                tests.append(.init(n: testedN, survivesAdjustment: false,
                                   reason: NotAvailable.because("fewer than two roles pass the anonymity rule")))
                residuals.append(nil)
                continue
            }
            let table2 = [tested.map { Double(cited[$0 * blockerCount + b]) },
                          tested.map { Double(answered[$0] - cited[$0 * blockerCount + b]) }]
            do {
                let x = try ChiSquare.independence(table2)
                tests.append(.init(n: testedN, chiSquare: x.statistic, degreesOfFreedom: x.degreesOfFreedom,
                                   pValue: x.pValue, survivesAdjustment: false, cramersV: x.cramersV,
                                   hasSmallExpected: x.hasSmallExpected))
                residuals.append(x.adjustedResiduals[0])
            } catch {
                tests.append(.init(n: testedN, survivesAdjustment: false, reason: NotAvailable.because(error)))
                residuals.append(nil)
            }
        }
        let adjusted = BenjaminiHochberg.adjust(tests.map(\.pValue))
        for b in 0..<blockerCount {
            tests[b].adjustedPValue = adjusted[b]
            tests[b].survivesAdjustment = adjusted[b].map { $0 <= settings.falseDiscoveryRate } ?? false
        }

        // Shares, lifts, residual marks.
        var blockers: [BlockerDistributionResult.BlockerFigures] = []
        for b in 0..<blockerCount {
            var cellCited = 0, cellCitedWeight = 0.0
            for r in 0..<roleCount { cellCited += cited[r * blockerCount + b]; cellCitedWeight += citedWeight[r * blockerCount + b] }
            let pb = cellWeight > 0 ? cellCitedWeight / cellWeight : nil
            let cellShare = share(pb, n: cellN, organisations: cellOrganisations, published: cellPublished, level: level)
            var roles: [BlockerDistributionResult.RoleShare] = []
            for r in 0..<roleCount {
                let published = tested.contains(r)
                let prb = answeredWeight[r] > 0 ? citedWeight[r * blockerCount + b] / answeredWeight[r] : nil
                let s = share(prb, n: answered[r], organisations: roleOrganisations[r], published: published, level: level)
                let lift: Estimate
                if !published {
                    lift = .suppressed(n: answered[r], organisations: roleOrganisations[r])
                } else if let prb, let pb, pb > 0 {
                    lift = Estimate(unboundedValue: prb / pb, n: answered[r], organisations: roleOrganisations[r])
                } else {
                    lift = Estimate(missing: NotAvailable.because("no respondent in the cell cites the blocker"),
                                    n: answered[r], organisations: roleOrganisations[r])
                }
                var z: Double? = nil
                if let j = tested.firstIndex(of: r), let row = residuals[b] { z = row[j] }
                let marked = tests[b].survivesAdjustment && (z.map { abs($0) > threshold } ?? false)
                roles.append(.init(role: table.roleCode(r), share: s, lift: lift, adjustedResidual: z,
                                   marked: marked, concentrated: marked && (z ?? 0) > 0))
            }
            blockers.append(.init(blocker: table.blockerCode(b), cellShare: cellShare, roles: roles, test: tests[b]))
        }

        let joint = jointTest(table: table, cell: cell, tested: tested, tests: tests, settings: settings)
        let profiles = primaryProfiles(table: table, cell: cell, settings: settings)
        return BlockerDistributionResult(
            wave: table.waves[cell.waveIndex], respondents: cellN, organisations: cellOrganisations,
            rolesTested: tested.map { table.roleCode($0) }, residualThreshold: threshold, blockers: blockers,
            jointTest: joint, primaryBlockerProfiles: profiles.profiles, profileDivergences: profiles.divergences,
            sharedConstraintIndex: profiles.index)
    }

    /// A share with its Wilson interval, or suppressed.
    static func share(_ p: Double?, n: Int, organisations: Int, published: Bool, level: Double) -> Estimate {
        guard published else { return .suppressed(n: n, organisations: organisations) }
        guard let p else { return Estimate(missing: NotAvailable.because(StatisticError.noData), n: n, organisations: organisations) }
        do {
            let (lower, upper) = try WilsonInterval.interval(proportion: min(1, max(0, p)), n: n, level: level)
            return Estimate(value: p, n: n, organisations: organisations, lower: lower, upper: upper)
        } catch {
            return Estimate(value: p, n: n, organisations: organisations, intervalReason: NotAvailable.because(error))
        }
    }

    // MARK: - Joint permutation test

    /// Σ_b X²_b with role labels permuted across the tested roles' answering respondents.
    /// Roles are at most 64 (the instrument limit), so a label fits in a byte.
    static func jointTest(table: ResponseTable, cell: Cell, tested: [Int],
                          tests: [BlockerDistributionResult.BlockerTest],
                          settings: AnalysisSettings) -> BlockerDistributionResult.JointTest {
        let blockerCount = table.blockerCount
        var localRole = [Int32](repeating: -1, count: table.roleCount)
        for (j, r) in tested.enumerated() { localRole[r] = Int32(j) }
        // Tested respondents: their role label and their blocker pattern (distinct mask).
        var labels: [UInt8] = [], pattern: [Int32] = []
        var patternMasks: [UInt64] = []
        var patternOf: [UInt64: Int32] = [:]
        var seen = [Bool](repeating: false, count: cell.clusterCount)
        var organisations = 0
        for k in 0..<cell.count {
            let i = Int(cell.rows[k])
            guard table.blockersAnswered[i], localRole[Int(table.role[i])] >= 0 else { continue }
            labels.append(UInt8(localRole[Int(table.role[i])]))
            let mask = table.blockers[i]
            if let p = patternOf[mask] {
                pattern.append(p)
            } else {
                let p = Int32(patternMasks.count)
                patternOf[mask] = p
                patternMasks.append(mask)
                pattern.append(p)
            }
            let c = Int(cell.localCluster[k])
            if !seen[c] { seen[c] = true; organisations += 1 }
        }
        var result = BlockerDistributionResult.JointTest(
            n: labels.count, organisations: organisations, statistic: nil, pValue: nil,
            permutations: settings.permutations, undefinedPermutations: 0, reason: nil)
        guard tested.count >= 2 else {
            result.reason = NotAvailable.because("fewer than two roles pass the anonymity rule")
            return result
        }
        // Blockers whose test is defined; with the margins fixed by the permutation, the others
        // stay undefined in every permutation and add nothing.
        let included = (0..<blockerCount).filter { tests[$0].chiSquare != nil }
        guard !included.isEmpty else {
            result.reason = NotAvailable.because("no blocker has a chi-square test")
            return result
        }
        let groups = tested.count, patternCount = patternMasks.count, n = labels.count
        var roleTotals = [Int](repeating: 0, count: groups)
        for l in labels { roleTotals[Int(l)] += 1 }
        // Respondents ordered by pattern (a counting sort, stable), so a permutation's citation
        // counts come from one sequential pass; which respondent holds which position does not
        // matter to a uniformly random permutation of the labels.
        var patternStart = [Int](repeating: 0, count: patternCount + 1)
        for p in pattern { patternStart[Int(p) + 1] += 1 }
        for p in 0..<patternCount { patternStart[p + 1] += patternStart[p] }
        var byPattern = [UInt8](repeating: 0, count: n)
        var fill = patternStart
        for i in 0..<n {
            let p = Int(pattern[i])
            byPattern[fill[p]] = labels[i]
            fill[p] += 1
        }
        // Per pattern, the slots (positions in `included`) of the included blockers it cites.
        var slotOfBlocker = [Int](repeating: -1, count: blockerCount)
        for (s, b) in included.enumerated() { slotOfBlocker[b] = s }
        var slotStart = [Int](repeating: 0, count: patternCount + 1)
        var slots: [Int] = []
        for p in 0..<patternCount {
            var mask = patternMasks[p]
            while mask != 0 {
                let b = mask.trailingZeroBitCount
                mask &= mask - 1
                if b < blockerCount, slotOfBlocker[b] >= 0 { slots.append(slotOfBlocker[b]) }
            }
            slotStart[p + 1] = slots.count
        }
        let base = byPattern, totals = roleTotals, starts = patternStart, slotList = slots, slotStarts = slotStart
        let slotCount = included.count
        /// Σ X² over the included blockers, from the role counts per pattern block (`perRole`,
        /// groups per pattern, pattern-major): citations per (blocker slot, role), then the 2 × groups
        /// chi-square statistic of each blocker (``ChiSquare/independenceStatistic(x:t:)``).
        @Sendable func statistic(_ perRole: UnsafeBufferPointer<Int>, _ counts: UnsafeMutableBufferPointer<Int>) -> Double? {
            counts.update(repeating: 0)
            for p in 0..<patternCount {
                for e in slotStarts[p]..<slotStarts[p + 1] {
                    let row = slotList[e] * groups
                    for r in 0..<groups { counts[row + r] += perRole[p * groups + r] }
                }
            }
            var total = 0.0
            return totals.withUnsafeBufferPointer { t in
                for s in 0..<slotCount {
                    let x = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(counts)[(s * groups)..<((s + 1) * groups)])
                    guard let v = ChiSquare.independenceStatistic(x: x, t: t) else { return nil }
                    total += v
                }
                return total
            }
        }
        var observedPerRole = [Int](repeating: 0, count: patternCount * groups)
        for p in 0..<patternCount {
            for i in starts[p]..<starts[p + 1] { observedPerRole[p * groups + Int(base[i])] += 1 }
        }
        var observedCounts = [Int](repeating: 0, count: slotCount * groups)
        let observedValue = observedPerRole.withUnsafeBufferPointer { perRole in
            observedCounts.withUnsafeMutableBufferPointer { statistic(perRole, $0) }
        }
        guard let observed = observedValue else {
            result.reason = NotAvailable.because("the observed statistic is undefined")
            return result
        }
        result.statistic = observed
        // Permutation k shuffles a fresh copy of the labels (one byte per label) with the
        // Fisher-Yates steps of stream k (``RandomGenerator/shuffleStep(_:settling:)``, the kernel's
        // label permutation) and counts each position's label per pattern block as it settles.
        do {
            let test = try PermutationTest(permutations: settings.permutations, seed: settings.seed).run(
                observed: observed, scratch: { JointTestScratch(labels: n, perRole: patternCount * groups, counts: slotCount * groups) }
            ) { generator, scratch in
                scratch.labels.withUnsafeMutableBufferPointer { labels in
                    _ = labels.update(fromContentsOf: base)
                    scratch.perRole.withUnsafeMutableBufferPointer { perRole in
                        perRole.update(repeating: 0)
                        starts.withUnsafeBufferPointer { starts in
                            shuffleAndCount(labels, perRole: perRole, starts: starts, groups: groups, generator: &generator)
                        }
                    }
                }
                return scratch.perRole.withUnsafeBufferPointer { perRole in
                    scratch.counts.withUnsafeMutableBufferPointer { statistic(perRole, $0) }
                }
            }
            result.pValue = test.pValue
            result.undefinedPermutations = test.undefinedPermutations
        } catch {
            result.reason = NotAvailable.because(error)
        }
        return result
    }

    /// Shuffles `labels` with the Fisher-Yates steps of ``RandomGenerator/shuffleStep(_:settling:)``
    /// (i = n − 1 down to 1, which is ``RandomGenerator/shuffle(_:)``) and adds each label, as its
    /// position settles, to the counts of its pattern block: `perRole[p * groups + label]` for the
    /// block `starts[p]..<starts[p + 1]` holding the position.
    /// The generator is copied into a local, so its state stays in registers.
    static func shuffleAndCount(_ labels: UnsafeMutableBufferPointer<UInt8>, perRole: UnsafeMutableBufferPointer<Int>,
                                starts: UnsafeBufferPointer<Int>, groups: Int, generator: inout RandomGenerator) {
        guard !labels.isEmpty, let counts = perRole.baseAddress else { return }
        var g = generator
        var i = labels.count - 1
        var p = starts.count - 2
        while i >= 1 {
            while starts[p] > i { p -= 1 }
            let block = counts + p * groups
            let low = max(starts[p], 1)
            while i >= low {
                block[Int(g.shuffleStep(labels, settling: i))] &+= 1
                i -= 1
            }
        }
        counts[Int(labels[0])] &+= 1  // position 0 is in the first block
        generator = g
    }

    // MARK: - Primary-blocker profiles

    /// Profiles, pairwise divergences (with intervals) and the shared-constraint index.
    static func primaryProfiles(table: ResponseTable, cell: Cell, settings: AnalysisSettings)
        -> (profiles: [BlockerDistributionResult.PrimaryBlockerProfile],
            divergences: [BlockerDistributionResult.ProfileDivergence], index: Estimate) {
        let roleCount = table.roleCount, blockerCount = table.blockerCount
        let rule = AnonymityRule(settings: settings)
        let totals = ClusterGroupTotals(
            clusterCount: cell.clusterCount, groupCount: roleCount * blockerCount, valueCount: 1, rowCount: cell.count,
            place: { k in
                let i = Int(cell.rows[k])
                let b = Int(table.primaryBlocker[i])
                guard b >= 0, b < blockerCount else { return nil }
                return (Int(cell.localCluster[k]), Int(table.role[i]) * blockerCount + b)
            },
            add: { k, s in s[0] += table.weight[Int(cell.rows[k])] })
        let weights = totals.totals()
        let groupN = totals.respondents()
        // Respondents and clusters per role (a cluster may appear under several blockers of a role).
        var n = [Int](repeating: 0, count: roleCount), organisations = n
        var roleClusters = [[Int32]](repeating: [], count: roleCount)  // ascending
        for c in 0..<cell.clusterCount {
            for e in totals.entryStart[c]..<totals.entryStart[c + 1] {
                let r = Int(totals.entryGroup[e]) / blockerCount
                if roleClusters[r].last != Int32(c) { roleClusters[r].append(Int32(c)); organisations[r] += 1 }
            }
        }
        for g in 0..<groupN.count { n[g / blockerCount] += groupN[g] }
        let published = (0..<roleCount).filter { rule.allows(respondents: n[$0], organisations: organisations[$0]) }
        let profile = { @Sendable (w: [Double], r: Int) -> [Double]? in profileShares(w, role: r, blockerCount: blockerCount) }
        var profiles: [BlockerDistributionResult.PrimaryBlockerProfile] = []
        for r in 0..<roleCount {
            let shown = published.contains(r)
            profiles.append(.init(role: table.roleCode(r), n: n[r], organisations: organisations[r],
                                  shares: shown ? profile(weights, r) : nil,
                                  reason: shown ? nil : AnonymityRule.suppressedReason))
        }
        var pairs: [(Int, Int)] = []
        for a in 0..<published.count { for b in (a + 1)..<published.count { pairs.append((published[a], published[b])) } }
        let pairList = pairs
        // Statistics: one divergence per pair, then the index.
        let accCount = roleCount * blockerCount
        let summaries = ClusterBootstrap(settings: settings).runBatched(
            clusterCount: cell.clusterCount, statisticCount: pairList.count + 1,
            scratch: { ProfileScratch(accCount: accCount, roleCount: roleCount) }
        ) { batch, out, scratch in
            // The (role, blocker) weights of eight replicates in one pass; then each replicate's
            // profiles and divergences from its own lane, as the per-replicate form.
            scratch.acc.withUnsafeMutableBufferPointer { totals.accumulate(batch, into: $0) }
            lanes: for lane in 0..<batch.count {
                for i in 0..<accCount { scratch.laneAcc[i] = scratch.acc[i][lane] }
                for r in published {
                    scratch.defined[r] = profileShares(scratch.laneAcc, role: r, blockerCount: blockerCount,
                                                       into: &scratch.profiles[r])
                }
                var sum = 0.0
                for (j, (a, b)) in pairList.enumerated() {
                    guard scratch.defined[a], scratch.defined[b],
                          let d = try? JensenShannon.divergence(scratch.profiles[a], scratch.profiles[b]) else { continue lanes }
                    out[lane: lane, statistic: j] = d
                    sum += d
                }
                if !pairList.isEmpty { out[lane: lane, statistic: pairList.count] = 1 - sum / Double(pairList.count) }
            }
        }
        var divergences: [BlockerDistributionResult.ProfileDivergence] = []
        var sum = 0.0
        var allDefined = true
        for (j, (a, b)) in pairs.enumerated() {
            let pairN = n[a] + n[b], pairOrganisations = unionCount(roleClusters[a], roleClusters[b])
            let estimate: Estimate
            if let p = profile(weights, a), let q = profile(weights, b), let d = try? JensenShannon.divergence(p, q) {
                estimate = Estimate(value: d, n: pairN, organisations: pairOrganisations, interval: summaries[j])
                sum += d
            } else {
                estimate = Estimate(missing: NotAvailable.because(StatisticError.noData), n: pairN, organisations: pairOrganisations)
                allDefined = false
            }
            divergences.append(.init(first: table.roleCode(a), second: table.roleCode(b), divergence: estimate))
        }
        let indexN = published.reduce(0) { $0 + n[$1] }
        var isPublished = [Bool](repeating: false, count: roleCount)
        for r in published { isPublished[r] = true }
        let indexOrganisations = AdoptionGradient.countClusters(cell: cell) { k in
            let i = Int(cell.rows[k])
            return table.primaryBlocker[i] >= 0 && isPublished[Int(table.role[i])]
        }
        let index: Estimate
        if pairs.isEmpty {
            index = Estimate(missing: NotAvailable.because("fewer than two roles pass the anonymity rule"),
                             n: indexN, organisations: indexOrganisations)
        } else if !allDefined {
            index = Estimate(missing: NotAvailable.because(StatisticError.noData), n: indexN, organisations: indexOrganisations)
        } else {
            index = Estimate(value: 1 - sum / Double(pairs.count), n: indexN, organisations: indexOrganisations,
                             interval: summaries[pairs.count])
        }
        return (profiles, divergences, index)
    }

    /// Role `r`'s weights over blockers (from `[role * blockerCount + blocker]` sums) as shares,
    /// or `nil` when the role has no weight.
    static func profileShares(_ w: [Double], role r: Int, blockerCount: Int) -> [Double]? {
        var shares: [Double] = []
        return profileShares(w, role: r, blockerCount: blockerCount, into: &shares) ? shares : nil
    }

    /// ``profileShares(_:role:blockerCount:)`` into a reused buffer: `shares` receives the
    /// `blockerCount` shares (replaced) and the result is `true`, or `false` (buffer unspecified)
    /// when the role has no weight.
    static func profileShares(_ w: [Double], role r: Int, blockerCount: Int, into shares: inout [Double]) -> Bool {
        var total = 0.0
        for b in 0..<blockerCount { total += w[r * blockerCount + b] }
        guard total > 0 else { return false }
        shares.removeAll(keepingCapacity: true)
        for b in 0..<blockerCount { shares.append(w[r * blockerCount + b] / total) }
        return true
    }

    /// Per-worker buffers of the profile bootstrap (made once per work item: no allocation per
    /// replicate).
    struct ProfileScratch {
        /// (role, blocker) weights of eight replicates, `[role * blockerCount + blocker]`.
        var acc: [SIMD8<Double>]
        /// One lane of `acc`.
        var laneAcc: [Double]
        /// One replicate's profile of each role (meaningful where `defined`).
        var profiles: [[Double]]
        var defined: [Bool]

        init(accCount: Int, roleCount: Int) {
            acc = [SIMD8<Double>](repeating: SIMD8(), count: accCount)
            laneAcc = [Double](repeating: 0, count: accCount)
            profiles = [[Double]](repeating: [], count: roleCount)
            defined = [Bool](repeating: false, count: roleCount)
        }
    }

    /// Size of the union of two ascending lists of distinct cluster indices.
    static func unionCount(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { i += 1 } else if i == a.count || b[j] < a[i] { j += 1 } else { i += 1; j += 1 }
            n += 1
        }
        return n
    }
}

/// One work item's buffers of the joint permutation test: the labels being shuffled, the role
/// counts per pattern block, the citations per (blocker, role).
private struct JointTestScratch {
    var labels: [UInt8]
    var perRole: [Int]
    var counts: [Int]

    init(labels: Int, perRole: Int, counts: Int) {
        self.labels = [UInt8](repeating: 0, count: labels)
        self.perRole = [Int](repeating: 0, count: perRole)
        self.counts = [Int](repeating: 0, count: counts)
    }
}
