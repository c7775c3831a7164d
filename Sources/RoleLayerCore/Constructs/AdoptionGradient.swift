/// The Organisational Adoption Gradient of one cell (constructs.md §2): how far apart the roles
/// stand, how far apart organisations of different maturity stand, which of the two separates
/// readiness more, and how much spread the enterprise average hides inside organisations.
///
/// All figures are in index points of the Role Shift Index (0...100) unless said otherwise.
/// Intervals are cluster-bootstrap percentile intervals over the cell's organisations; each
/// replicate recomputes a gradient over the same roles or maturity groups that passed the
/// anonymity rule in the full cell (a replicate in which one of them drew no respondent is
/// undefined, dropped and counted).
public struct AdoptionGradientResult: Codable, Sendable, Hashable {
    /// The cell's wave.
    public var wave: Wave
    /// Respondents in the cell.
    public var respondents: Int
    /// Clusters in the cell.
    public var organisations: Int
    /// One stage step (stage weight × 100 / 6).
    public var stageStep: Double
    /// The roles that pass the anonymity rule, in instrument order: the roles G_role compares.
    public var rolesCompared: [Role]
    /// G_role = max_r RSI_r − min_r RSI_r over ``rolesCompared``, ≥ 0; not available with fewer than two.
    public var roleGradient: Estimate
    /// The bias-corrected role gradient 2·G_role − mean of the bootstrap replicates (the range of
    /// noisy means is biased upwards); no interval of its own.
    public var roleGradientBiasCorrected: Estimate
    /// The role with the highest RSI among ``rolesCompared`` (the first in instrument order on a tie).
    public var leadingRole: Role?
    /// The role with the lowest RSI among ``rolesCompared`` (the last in instrument order on a tie).
    public var laggingRole: Role?
    /// Sample standard deviation (n − 1) of the role means over ``rolesCompared``.
    public var roleMeansStandardDeviation: Estimate
    /// Mean x of every maturity stage 0...6 (organisations grouped by their maturity in this wave);
    /// suppressed groups carry the reason.
    public var maturityGroups: [MaturityGroup]
    /// G_stage = max − min of the maturity groups' mean x over the groups that pass, ≥ 0.
    public var stageGradient: Estimate
    /// The gap between each pair of consecutive passing maturity groups (higher stage minus lower).
    public var adjacentStageGaps: [StageGap]
    /// R = G_role / G_stage; not available with fewer than two passing roles or maturity groups,
    /// or G_stage = 0. R > 1: role separates readiness more than organisational maturity does.
    public var gradientRatio: Estimate
    /// Eta-squared, Type II partial eta-squared and the LMG split of R², by role and maturity.
    public var varianceDecomposition: VarianceDecomposition
    /// The gradient inside organisations.
    public var withinOrganisation: WithinOrganisationGradient

    /// The mean x of the organisations at one maturity stage.
    public struct MaturityGroup: Codable, Sendable, Hashable {
        /// Maturity stage, 0...6.
        public var stage: Int
        /// Weighted mean x of the group's respondents, with its interval.
        public var mean: Estimate
    }

    /// The difference between two consecutive passing maturity groups.
    public struct StageGap: Codable, Sendable, Hashable {
        /// The lower maturity stage.
        public var fromStage: Int
        /// The higher maturity stage (fromStage + 1 unless the stages between did not pass).
        public var toStage: Int
        /// Mean x at `toStage` − mean x at `fromStage`, index points.
        public var gap: Estimate
    }

    /// Variance decomposition of respondent x by role and organisational maturity, over the
    /// respondents of the roles that pass the anonymity rule (weighted least squares with weights).
    /// Each figure is a share 0...1 except ``lmgDifference`` (−1...1).
    public struct VarianceDecomposition: Codable, Sendable, Hashable {
        /// SS_between(role) / SS_total.
        public var etaSquaredRole: Estimate
        /// SS_between(maturity) / SS_total.
        public var etaSquaredMaturity: Estimate
        /// Type II SS(role) / (Type II SS(role) + SS_residual) in the additive model role + maturity.
        public var partialEtaSquaredRole: Estimate
        /// Type II SS(maturity) / (Type II SS(maturity) + SS_residual).
        public var partialEtaSquaredMaturity: Estimate
        /// R² of the additive model role + maturity.
        public var rSquared: Estimate
        /// LMG (Shapley) share of R² of role: ½[R²(role) + R²(both) − R²(maturity)].
        public var lmgRole: Estimate
        /// LMG share of maturity: ½[R²(maturity) + R²(both) − R²(role)].
        public var lmgMaturity: Estimate
        /// lmgRole − lmgMaturity, with its cluster-bootstrap interval.
        public var lmgDifference: Estimate
    }

    /// The within-organisation gradient g_o = max − min of role means inside organisation o, over
    /// organisations with at least ``AnalysisSettings/withinOrganisationMinimumRoles`` roles answering.
    public struct WithinOrganisationGradient: Codable, Sendable, Hashable {
        /// Organisations with enough roles (the set every figure below is over).
        public var organisationsIncluded: Int
        /// Median of g_o (type-7).
        public var median: Estimate
        /// First quartile of g_o (type-7); `nil` when not published.
        public var lowerQuartile: Double?
        /// Third quartile of g_o (type-7); `nil` when not published.
        public var upperQuartile: Double?
        /// Interquartile range of g_o.
        public var interquartileRange: Estimate
        /// Share of organisations with g_o ≥ one stage step (within 1e-9), 0...1.
        public var shareAtLeastOneStep: Estimate
        /// Mean over the same organisations of the organisation's (weighted) mean x: the enterprise
        /// average that hides the spread.
        public var meanOfOrganisationMeans: Estimate
    }
}

/// Computes the Organisational Adoption Gradient (constructs.md §2).
///
/// Sources: eta-squared and partial eta-squared (Cohen 1973; Type II sums of squares, Herr 1986),
/// the LMG decomposition (Lindeman, Merenda & Gold 1980), through
/// ``AnalysisOfVariance/twoFactorAdditive(y:a:b:weights:)``; the cluster bootstrap (Davison &
/// Hinkley 1997, §3.8); the range bias correction 2·θ̂ − mean(θ*) (Efron & Tibshirani 1993, §10.6).
public enum AdoptionGradient {
    /// Tolerance of "at least one stage step" (constructs.md settled conventions).
    static let stepTolerance = 1e-9

    /// The gradients of `cell`.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cell: one wave, optionally a segment; maturity per organisation comes from the cell.
    ///   - settings: weights of x, anonymity thresholds, bootstrap, minimum roles per organisation.
    /// - Returns: every figure, or its reason. Never throws.
    /// - Complexity: O(respondents) once plus O(B × (clusters × roles + roles × stages²)).
    public static func compute(table: ResponseTable, cell: Cell, settings: AnalysisSettings) -> AdoptionGradientResult {
        let x = table.positions(settings: settings)
        let rule = AnonymityRule(settings: settings)
        let roleCount = table.roleCount
        let stageCount = Stage.range.count
        let clusterCount = cell.clusterCount

        // Role sums per cluster (the RSI fast path) and cluster totals for maturity groups.
        let roles = RoleShiftIndex.roleTotals(table: table, cell: cell, positions: x)
        let roleSums = roles.totals()
        let roleN = roles.respondents(), roleOrganisations = roles.clusters()
        let passingRoles = (0..<roleCount).filter { rule.allows(respondents: roleN[$0], organisations: roleOrganisations[$0]) }
        let roleMeans = (0..<roleCount).map { roleSums[2 * $0] > 0 ? roleSums[2 * $0 + 1] / roleSums[2 * $0] : 0 }

        var clusterWeight = [Double](repeating: 0, count: clusterCount)
        var clusterSum = [Double](repeating: 0, count: clusterCount)
        var clusterN = [Int](repeating: 0, count: clusterCount)
        for k in 0..<cell.count {
            let i = Int(cell.rows[k]), c = Int(cell.localCluster[k])
            clusterWeight[c] += table.weight[i]
            clusterSum[c] += table.weight[i] * x[i]
            clusterN[c] += 1
        }
        let maturity = cell.maturity.map { Int($0) }
        let clusterTotals = (weight: clusterWeight, sum: clusterSum)
        var groupWeight = [Double](repeating: 0, count: stageCount), groupSum = groupWeight
        var groupN = [Int](repeating: 0, count: stageCount), groupOrganisations = groupN
        for c in 0..<clusterCount {
            groupWeight[maturity[c]] += clusterWeight[c]
            groupSum[maturity[c]] += clusterSum[c]
            groupN[maturity[c]] += clusterN[c]
            groupOrganisations[maturity[c]] += 1
        }
        let passingGroups = (0..<stageCount).filter { rule.allows(respondents: groupN[$0], organisations: groupOrganisations[$0]) }
        let groupMeans = (0..<stageCount).map { groupWeight[$0] > 0 ? groupSum[$0] / groupWeight[$0] : 0 }

        // Variance decomposition inputs: respondents of passing roles.
        let decomposition = DecompositionInput(table: table, cell: cell, positions: x, passingRoles: passingRoles)
        // Within-organisation gradient inputs.
        let within = WithinInput(table: table, cell: cell, totals: roles, clusterWeight: clusterWeight,
                                 clusterSum: clusterSum, minimumRoles: settings.withinOrganisationMinimumRoles,
                                 step: settings.stageStep)

        // Layout of the bootstrap statistics.
        let gapCount = max(0, passingGroups.count - 1)
        let iRole = 0, iSD = 1, iStage = 2, iRatio = 3, iGaps = 4
        let iGroups = iGaps + gapCount
        let iDecomposition = iGroups + passingGroups.count
        let iWithin = iDecomposition + DecompositionInput.statisticCount
        let statisticCount = iWithin + WithinInput.statisticCount

        /// One replicate's statistics `0..<iWithin` from its (maturity, role) sums `acc`, its
        /// maturity-group sums `gw`, `gs` (count = stages) and its Σ m·Σ v·d² `squares`.
        @Sendable func replicate(_ acc: [Double], gw: [Double], gs: [Double],
                                 squares: Double, means: inout [Double], groupMean: inout [Double], into out: inout [Double?]) {
            means.removeAll(keepingCapacity: true)
            for r in passingRoles {
                let (w, s) = decomposition.roleSums(acc, role: r)
                if w > 0 { means.append(s / w) }
            }
            var gRole: Double? = nil
            if passingRoles.count >= 2, means.count == passingRoles.count {
                gRole = means.max()! - means.min()!
                out[iRole] = gRole
                out[iSD] = try? WeightedMoments(means).standardDeviation()
            }
            groupMean.removeAll(keepingCapacity: true)
            for (j, g) in passingGroups.enumerated() where gw[g] > 0 {
                groupMean.append(gs[g] / gw[g])
                out[iGroups + j] = gs[g] / gw[g]
            }
            if passingGroups.count >= 2, groupMean.count == passingGroups.count {
                let gStage = groupMean.max()! - groupMean.min()!
                out[iStage] = gStage
                for j in 0..<gapCount { out[iGaps + j] = groupMean[j + 1] - groupMean[j] }
                if let gRole, gStage > 0 { out[iRatio] = gRole / gStage }
            }
            decomposition.replicate(acc, squares: squares, into: &out, at: iDecomposition)
        }

        let accCount = decomposition.totals.outputCount
        let clusterSquares = decomposition.clusterSquares
        let replicates = ClusterBootstrap(settings: settings).batchedReplicates(
            clusterCount: clusterCount, statisticCount: statisticCount,
            scratch: { ReplicateScratch(accCount: accCount, stageCount: stageCount, rowCount: statisticCount,
                                        clusterCount: clusterCount) }
        ) { batch, out, scratch in
            // Eight replicates per pass over the clusters: (maturity, role) sums of the passing
            // roles, then the maturity-group sums and Σ m·Σ v·d² (a cluster not drawn adds 0 where
            // the per-replicate loop skipped it: the same sums).
            scratch.acc.withUnsafeMutableBufferPointer { decomposition.totals.accumulate(batch, into: $0) }
            let mp = batch.multiplicities.baseAddress!
            var squares = SIMD8<Double>()
            scratch.groupWeight.withUnsafeMutableBufferPointer { gwp in
                scratch.groupSum.withUnsafeMutableBufferPointer { gsp in
                    let gw = gwp.baseAddress!, gs = gsp.baseAddress!
                    for g in 0..<stageCount { gw[g] = SIMD8(); gs[g] = SIMD8() }
                    maturity.withUnsafeBufferPointer { mat in
                        clusterTotals.weight.withUnsafeBufferPointer { cw in
                            clusterTotals.sum.withUnsafeBufferPointer { cs in
                                clusterSquares.withUnsafeBufferPointer { sq in
                                    for c in 0..<clusterCount {
                                        let k = mp[c], g = mat[c]
                                        gw[g] += k * cw[c]
                                        gs[g] += k * cs[c]
                                        squares += k * sq[c]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // The lanes' multiplicities as Int32, lane-major, in one pass over the clusters: the
            // within-organisation figures read them per replicate (``WithinInput/replicate``).
            batch.laneMajor(into: &scratch.laneMultiplicities)
            // Then each replicate's statistics from its own lane, as the per-replicate form.
            for lane in 0..<batch.count {
                for i in 0..<accCount { scratch.laneAcc[i] = scratch.acc[i][lane] }
                for g in 0..<stageCount {
                    scratch.laneGroupWeight[g] = scratch.groupWeight[g][lane]
                    scratch.laneGroupSum[g] = scratch.groupSum[g][lane]
                }
                for k in 0..<statisticCount { scratch.row[k] = nil }
                replicate(scratch.laneAcc, gw: scratch.laneGroupWeight, gs: scratch.laneGroupSum, squares: squares[lane],
                          means: &scratch.means, groupMean: &scratch.groupMean, into: &scratch.row)
                scratch.laneMultiplicities.withUnsafeBufferPointer { lm in
                    within.replicate(UnsafeBufferPointer(rebasing: lm[lane * clusterCount ..< (lane + 1) * clusterCount]),
                                     picked: &scratch.picked, into: &scratch.row, at: iWithin)
                }
                for k in 0..<statisticCount { out[lane: lane, statistic: k] = scratch.row[k] }
            }
        }
        let boot = ClusterBootstrap(settings: settings)
        let summary = replicates.map { boot.summarise($0) }

        // Role gradient.
        let passingRoleN = passingRoles.reduce(0) { $0 + roleN[$1] }
        var rolePasses = [Bool](repeating: false, count: roleCount)
        for r in passingRoles { rolePasses[r] = true }
        var groupPasses = [Bool](repeating: false, count: stageCount)
        for g in passingGroups { groupPasses[g] = true }
        let passingRoleOrganisations = countClusters(cell: cell) { k in rolePasses[Int(table.role[Int(cell.rows[k])])] }
        let roleGradient: Estimate, biasCorrected: Estimate, sd: Estimate
        var leading: Role? = nil, lagging: Role? = nil
        if passingRoles.count >= 2 {
            let values = passingRoles.map { roleMeans[$0] }
            let top = values.max()!, bottom = values.min()!
            leading = table.roleCode(passingRoles[values.firstIndex(of: top)!])
            lagging = table.roleCode(passingRoles[values.lastIndex(of: bottom)!])
            let g = top - bottom
            roleGradient = Estimate(value: g, n: passingRoleN, organisations: passingRoleOrganisations, interval: summary[iRole])
            if let mean = summary[iRole].replicateMean {
                biasCorrected = Estimate(unboundedValue: 2 * g - mean, n: passingRoleN, organisations: passingRoleOrganisations)
            } else {
                biasCorrected = Estimate(missing: NotAvailable.because(summary[iRole].unavailableReason ?? "no replicates"),
                                         n: passingRoleN, organisations: passingRoleOrganisations)
            }
            do {
                let s = try WeightedMoments(values).standardDeviation()
                sd = Estimate(value: s, n: passingRoleN, organisations: passingRoleOrganisations, interval: summary[iSD])
            } catch {
                sd = Estimate(missing: NotAvailable.because(error), n: passingRoleN, organisations: passingRoleOrganisations)
            }
        } else {
            let reason = NotAvailable.because("fewer than two roles pass the anonymity rule")
            roleGradient = Estimate(missing: reason, n: passingRoleN, organisations: passingRoleOrganisations)
            biasCorrected = roleGradient
            sd = roleGradient
        }

        // Maturity groups and the stage gradient.
        var groups: [AdoptionGradientResult.MaturityGroup] = []
        for g in 0..<stageCount {
            if let j = passingGroups.firstIndex(of: g) {
                groups.append(.init(stage: g, mean: Estimate(value: groupMeans[g], n: groupN[g], organisations: groupOrganisations[g],
                                                             interval: summary[iGroups + j])))
            } else {
                groups.append(.init(stage: g, mean: .suppressed(n: groupN[g], organisations: groupOrganisations[g])))
            }
        }
        let passingGroupN = passingGroups.reduce(0) { $0 + groupN[$1] }
        let passingGroupOrganisations = passingGroups.reduce(0) { $0 + groupOrganisations[$1] }
        let stageGradient: Estimate
        var gaps: [AdoptionGradientResult.StageGap] = []
        var gStage: Double? = nil
        if passingGroups.count >= 2 {
            let values = passingGroups.map { groupMeans[$0] }
            gStage = values.max()! - values.min()!
            stageGradient = Estimate(value: gStage!, n: passingGroupN, organisations: passingGroupOrganisations, interval: summary[iStage])
            for j in 0..<gapCount {
                let a = passingGroups[j], b = passingGroups[j + 1]
                gaps.append(.init(fromStage: a, toStage: b, gap: Estimate(
                    value: groupMeans[b] - groupMeans[a], n: groupN[a] + groupN[b],
                    organisations: groupOrganisations[a] + groupOrganisations[b], interval: summary[iGaps + j])))
            }
        } else {
            stageGradient = Estimate(missing: NotAvailable.because("fewer than two maturity groups pass the anonymity rule"),
                                     n: passingGroupN, organisations: passingGroupOrganisations)
        }

        // Ratio.
        let entersRatio = { (k: Int) -> Bool in
            rolePasses[Int(table.role[Int(cell.rows[k])])] || groupPasses[maturity[Int(cell.localCluster[k])]]
        }
        let ratioN = countRows(cell: cell, entersRatio)
        let ratioOrganisations = countClusters(cell: cell, entersRatio)
        let ratio: Estimate
        if let g = roleGradient.value, let s = gStage {
            ratio = s > 0
                ? Estimate(value: g / s, n: ratioN, organisations: ratioOrganisations, interval: summary[iRatio])
                : Estimate(missing: NotAvailable.because("the stage gradient is 0"), n: ratioN, organisations: ratioOrganisations)
        } else {
            ratio = Estimate(missing: roleGradient.value == nil ? roleGradient.reason! : stageGradient.reason!,
                             n: ratioN, organisations: ratioOrganisations)
        }

        return AdoptionGradientResult(
            wave: table.waves[cell.waveIndex], respondents: cell.count, organisations: clusterCount,
            stageStep: settings.stageStep, rolesCompared: passingRoles.map { table.roleCode($0) },
            roleGradient: roleGradient, roleGradientBiasCorrected: biasCorrected,
            leadingRole: leading, laggingRole: lagging, roleMeansStandardDeviation: sd,
            maturityGroups: groups, stageGradient: stageGradient, adjacentStageGaps: gaps, gradientRatio: ratio,
            varianceDecomposition: decomposition.result(summaries: Array(summary[iDecomposition ..< iWithin])),
            withinOrganisation: within.result(rule: rule, hasOrganisations: table.hasOrganisations,
                                              summaries: Array(summary[iWithin ..< statisticCount])))
    }

    // MARK: - Bootstrap scratch

    /// Per-worker buffers of the batched bootstrap (made once per work item, reused by every
    /// batch: no allocation per replicate).
    struct ReplicateScratch {
        /// (maturity, role) sums of eight replicates (count = the decomposition's output count).
        var acc: [SIMD8<Double>]
        /// One lane of `acc`.
        var laneAcc: [Double]
        /// Σ m·Σ v and Σ m·Σ v·x per maturity group of eight replicates (count = stages).
        var groupWeight: [SIMD8<Double>], groupSum: [SIMD8<Double>]
        /// One lane of `groupWeight`, `groupSum`.
        var laneGroupWeight: [Double], laneGroupSum: [Double]
        /// Role means and group means of one replicate.
        var means: [Double] = [], groupMean: [Double] = []
        /// One replicate's statistics.
        var row: [Double?]
        /// The batch's multiplicities as `Int32`, lane-major: `[lane * clusters + cluster]`.
        var laneMultiplicities: [Int32]
        /// The positions of one replicate's g_o list that its quartiles read, with their values
        /// (``WithinInput/replicate(_:picked:into:at:)``).
        var picked: [(position: Int, value: Double)] = []

        init(accCount: Int, stageCount: Int, rowCount: Int, clusterCount: Int) {
            acc = [SIMD8<Double>](repeating: SIMD8(), count: accCount)
            laneAcc = [Double](repeating: 0, count: accCount)
            groupWeight = [SIMD8<Double>](repeating: SIMD8(), count: stageCount)
            groupSum = groupWeight
            laneGroupWeight = [Double](repeating: 0, count: stageCount)
            laneGroupSum = laneGroupWeight
            row = [Double?](repeating: nil, count: rowCount)
            laneMultiplicities = [Int32](repeating: 0, count: ReplicateBatch.width * clusterCount)
        }
    }

    // MARK: - Counting helpers

    /// Rows of the cell (by position k in `cell.rows`) for which `include` holds.
    static func countRows(cell: Cell, _ include: (Int) -> Bool) -> Int {
        var n = 0
        for k in 0..<cell.count where include(k) { n += 1 }
        return n
    }

    /// Local clusters of the cell with at least one row for which `include` holds.
    static func countClusters(cell: Cell, _ include: (Int) -> Bool) -> Int {
        var seen = [Bool](repeating: false, count: cell.clusterCount)
        var n = 0
        for k in 0..<cell.count where include(k) {
            let c = Int(cell.localCluster[k])
            if !seen[c] { seen[c] = true; n += 1 }
        }
        return n
    }
}

// MARK: - Variance decomposition

extension AdoptionGradient {
    /// Per-cluster sufficient statistics of the two-factor model role × maturity over the
    /// respondents of the passing roles: Σ v and Σ v·x per (cluster, role), the cluster's maturity
    /// as its block (maturity is a property of the organisation), and per cluster Σ v·d² with
    /// d = x − x̄ (x̄ the mean over those respondents; Σ v·d = Σ v·x − x̄·Σ v). Only the total
    /// within-cell sum of squares enters the decomposition, so Σ v·d² is needed per cluster, not
    /// per cell: Σ_cells [Σ v·d² − (Σ v·d)²/Σ v] = Σ_clusters m·Σ v·d² − Σ_cells (Σ v·d)²/Σ v.
    ///
    /// A replicate aggregates the (maturity, role) cells and fits the additive model on the cell
    /// means with the cells' weights: every model here is constant within a cell, so the fitted
    /// values, the one-factor and Type II sums of squares equal those of the respondent-level fit,
    /// and the respondent-level SS_total and SS_residual add the within-cell sum of squares.
    /// The same sums give the replicate's role means (Σ v·x / Σ v over the blocks).
    struct DecompositionInput: Sendable {
        static let statisticCount = 8
        static let valueCount = 2
        let totals: ClusterGroupTotals
        let roleCount: Int
        let stageCount = Stage.range.count
        let respondents: Int
        let organisations: Int
        let full: Result<AnalysisOfVariance.TwoFactorResult, StatisticError>
        /// x̄, the centre of d.
        let centre: Double
        /// Σ v·d² of each cluster's respondents of the passing roles.
        let clusterSquares: [Double]

        init(table: ResponseTable, cell: Cell, positions x: [Double], passingRoles: [Int]) {
            roleCount = table.roleCount
            var passes = [Bool](repeating: false, count: table.roleCount)
            for r in passingRoles { passes[r] = true }
            var y: [Double] = [], a: [Int] = [], b: [Int] = [], v: [Double] = []
            var weighted = false
            for k in 0..<cell.count {
                let i = Int(cell.rows[k])
                guard passes[Int(table.role[i])] else { continue }
                y.append(x[i]); a.append(Int(table.role[i])); b.append(Int(cell.maturity[Int(cell.localCluster[k])]))
                v.append(table.weight[i])
                if table.weight[i] != 1 { weighted = true }
            }
            respondents = y.count
            organisations = AdoptionGradient.countClusters(cell: cell) { passes[Int(table.role[Int(cell.rows[$0])])] }
            do {
                full = .success(try AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: b, weights: weighted ? v : nil))
            } catch {
                full = .failure(error)
            }
            var sw = 0.0, swy = 0.0
            for j in 0..<y.count { sw += v[j]; swy += v[j] * y[j] }
            let centre = sw > 0 ? swy / sw : 0
            self.centre = centre
            var squares = [Double](repeating: 0, count: cell.clusterCount)
            for k in 0..<cell.count {
                let i = Int(cell.rows[k])
                guard passes[Int(table.role[i])] else { continue }
                let d = x[i] - centre
                squares[Int(cell.localCluster[k])] += table.weight[i] * d * d
            }
            clusterSquares = squares
            totals = ClusterGroupTotals(
                clusterCount: cell.clusterCount, groupCount: table.roleCount, valueCount: Self.valueCount,
                blocks: cell.maturity.map { Int32($0) }, blockCount: Stage.range.count, rowCount: cell.count,
                place: { k in
                    let r = Int(table.role[Int(cell.rows[k])])
                    return passes[r] ? (Int(cell.localCluster[k]), r) : nil
                },
                add: { k, s in
                    let i = Int(cell.rows[k])
                    s[0] += table.weight[i]
                    s[1] += table.weight[i] * x[i]
                })
        }

        /// Σ v and Σ v·x of `role` over all maturity blocks of a replicate's sums.
        func roleSums(_ acc: [Double], role r: Int) -> (weight: Double, sum: Double) {
            var w = 0.0, s = 0.0
            for block in 0..<stageCount {
                let base = (block * roleCount + r) * Self.valueCount
                w += acc[base]
                s += acc[base + 1]
            }
            return (w, s)
        }

        /// Writes eta², partial eta², R², LMG shares and their difference of one replicate, from
        /// its (maturity, role) sums and Σ_clusters m·Σ v·d².
        func replicate(_ acc: [Double], squares: Double, into out: inout [Double?], at base: Int) {
            guard case .success = full else { return }
            var y: [Double] = [], a: [Int] = [], b: [Int] = [], w: [Double] = []
            var between = 0.0
            let v = Self.valueCount
            for block in 0..<stageCount {
                for r in 0..<roleCount {
                    let cellBase = (block * roleCount + r) * v
                    let sw = acc[cellBase]
                    guard sw > 0 else { continue }
                    let meanD = acc[cellBase + 1] / sw - centre
                    y.append(meanD); a.append(r); b.append(block); w.append(sw)
                    between += sw * meanD * meanD
                }
            }
            let within = max(0, squares - between)
            guard let fit = try? AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: b, weights: w) else { return }
            Self.write(fit, within: within, into: &out, at: base)
        }

        /// The eight figures from a fit on cell means plus the within-cell SS (0 for a respondent-level fit).
        static func write(_ fit: AnalysisOfVariance.TwoFactorResult, within: Double, into out: inout [Double?], at base: Int) {
            let total = fit.ssTotal + within, residual = fit.residualSS + within
            guard total > 0 else { return }
            let r2Role = fit.ssA / total, r2Maturity = fit.ssB / total, r2 = (total - residual) / total
            let lmgRole = (r2Role + r2 - r2Maturity) / 2, lmgMaturity = (r2Maturity + r2 - r2Role) / 2
            out[base] = r2Role
            out[base + 1] = r2Maturity
            out[base + 2] = fit.typeIISSA + residual > 0 ? fit.typeIISSA / (fit.typeIISSA + residual) : nil
            out[base + 3] = fit.typeIISSB + residual > 0 ? fit.typeIISSB / (fit.typeIISSB + residual) : nil
            out[base + 4] = r2
            out[base + 5] = lmgRole
            out[base + 6] = lmgMaturity
            out[base + 7] = lmgRole - lmgMaturity
        }

        func result(summaries: [BootstrapSummary]) -> AdoptionGradientResult.VarianceDecomposition {
            var values = [Double?](repeating: nil, count: Self.statisticCount)
            var reason = NotAvailable.because("no variance to decompose")
            switch full {
            case .success(let fit): Self.write(fit, within: 0, into: &values, at: 0)
            case .failure(let error): reason = NotAvailable.because(error)
            }
            let e = (0..<Self.statisticCount).map { j in
                values[j].map { Estimate(value: $0, n: respondents, organisations: organisations, interval: summaries[j]) }
                    ?? Estimate(missing: reason, n: respondents, organisations: organisations)
            }
            return .init(etaSquaredRole: e[0], etaSquaredMaturity: e[1], partialEtaSquaredRole: e[2],
                         partialEtaSquaredMaturity: e[3], rSquared: e[4], lmgRole: e[5], lmgMaturity: e[6],
                         lmgDifference: e[7])
        }
    }
}

// MARK: - Within-organisation gradient

extension AdoptionGradient {
    /// The organisations with enough roles, their g_o (sorted) and mean x.
    struct WithinInput: Sendable {
        static let statisticCount = 4
        /// Local cluster of each included organisation, in ascending order of g_o.
        let cluster: [Int32]
        /// g_o, ascending.
        let gradient: [Double]
        /// The organisation's weighted mean x, same order.
        let organisationMean: [Double]
        /// Respondents of the included organisations.
        let respondents: Int
        /// `true` when some organisation of the cell has two or more roles answering.
        let anyWithTwoRoles: Bool
        let minimumRoles: Int
        let step: Double

        init(table: ResponseTable, cell: Cell, totals: ClusterGroupTotals, clusterWeight: [Double],
             clusterSum: [Double], minimumRoles: Int, step: Double) {
            self.minimumRoles = minimumRoles
            self.step = step
            var rows: [(g: Double, c: Int32, mean: Double)] = []
            var n = 0
            var two = false
            for c in 0..<cell.clusterCount where table.clusterIsOrganisation[Int(cell.clusters[c])] {
                let entries = totals.entryStart[c]..<totals.entryStart[c + 1]
                if entries.count >= 2 { two = true }
                guard entries.count >= minimumRoles else { continue }
                var top = -Double.infinity, bottom = Double.infinity
                for e in entries {
                    let mean = totals.entryValues[2 * e + 1] / totals.entryValues[2 * e]
                    top = max(top, mean); bottom = min(bottom, mean)
                    n += Int(totals.entryCount[e])
                }
                rows.append((top - bottom, Int32(c), clusterSum[c] / clusterWeight[c]))
            }
            rows.sort { $0.g < $1.g || ($0.g == $1.g && $0.c < $1.c) }
            cluster = rows.map(\.c)
            gradient = rows.map(\.g)
            organisationMean = rows.map(\.mean)
            respondents = n
            anyWithTwoRoles = two
        }

        /// Median, IQR, share ≥ one step and mean of organisation means of one replicate. The
        /// replicate's g_o list is the sorted list with each organisation repeated by its
        /// multiplicity; its type-7 quartiles read at most six positions of it
        /// (``Quantile/type7Positions(count:_:)``), found by walking the cumulative multiplicities,
        /// so the list is never built. `picked` is a reused buffer.
        ///
        /// Per replicate, not batched: the organisations are visited in g_o order, so their
        /// clusters are read in random order, which is cheap on one replicate's `Int32` lane and
        /// a cache miss per organisation on the 64-byte multiplicities of a ``ReplicateBatch``.
        func replicate(_ m: UnsafeBufferPointer<Int32>, picked: inout [(position: Int, value: Double)],
                       into out: inout [Double?], at base: Int) {
            guard !cluster.isEmpty else { return }
            var atLeast = 0.0, meanSum = 0.0
            var total = 0
            for i in 0..<cluster.count {
                let mult = Int(m[Int(cluster[i])])
                if mult == 0 { continue }
                total += mult
                if gradient[i] >= step - AdoptionGradient.stepTolerance { atLeast += Double(mult) }
                meanSum += Double(mult) * organisationMean[i]
            }
            guard total > 0 else { return }
            // The positions the quartiles read, ascending, and their values in one walk.
            picked.removeAll(keepingCapacity: true)
            for p in [0.25, 0.5, 0.75] {
                for position in Quantile.type7Positions(count: total, p) where !picked.contains(where: { $0.position == position }) {
                    picked.append((position, 0))
                }
            }
            picked.sort { $0.position < $1.position }
            var next = 0, below = 0  // organisations' repeats before organisation i
            for i in 0..<cluster.count where next < picked.count {
                below += Int(m[Int(cluster[i])])
                while next < picked.count, picked[next].position < below {
                    picked[next].value = gradient[i]
                    next += 1
                }
            }
            let chosen = picked
            func quartile(_ p: Double) -> Double {
                Quantile.type7(count: total, p) { position in chosen.first(where: { $0.position == position })!.value }
            }
            let k = Double(total)
            out[base] = quartile(0.5)
            out[base + 1] = quartile(0.75) - quartile(0.25)
            out[base + 2] = atLeast / k
            out[base + 3] = meanSum / k
        }

        func result(rule: AnonymityRule, hasOrganisations: Bool, summaries: [BootstrapSummary])
            -> AdoptionGradientResult.WithinOrganisationGradient {
            let n = respondents, orgs = cluster.count
            func missing(_ reason: String) -> AdoptionGradientResult.WithinOrganisationGradient {
                let e = Estimate(missing: reason, n: n, organisations: orgs)
                return .init(organisationsIncluded: orgs, median: e, lowerQuartile: nil, upperQuartile: nil,
                             interquartileRange: e, shareAtLeastOneStep: e, meanOfOrganisationMeans: e)
            }
            guard anyWithTwoRoles else { return missing(NotAvailable.noOrganisationWithTwoRoles) }
            guard orgs > 0 else {
                return missing(NotAvailable.because("no organisation has \(minimumRoles) or more roles answering"))
            }
            guard rule.allows(respondents: n, organisations: orgs) else {
                return missing(AnonymityRule.suppressedReason)
            }
            // gradient is sorted and finite, so the kernel cannot fail here.
            let q = (try? Quantile.type7(gradient, [0.25, 0.5, 0.75])) ?? [0, 0, 0]
            var atLeast = 0
            for g in gradient where g >= step - AdoptionGradient.stepTolerance { atLeast += 1 }
            var meanSum = 0.0
            for v in organisationMean { meanSum += v }
            return .init(
                organisationsIncluded: orgs,
                median: Estimate(value: q[1], n: n, organisations: orgs, interval: summaries[0]),
                lowerQuartile: q[0], upperQuartile: q[2],
                interquartileRange: Estimate(value: q[2] - q[0], n: n, organisations: orgs, interval: summaries[1]),
                shareAtLeastOneStep: Estimate(value: Double(atLeast) / Double(orgs), n: n, organisations: orgs,
                                              interval: summaries[2]),
                meanOfOrganisationMeans: Estimate(value: meanSum / Double(orgs), n: n, organisations: orgs,
                                                  interval: summaries[3]))
        }
    }
}
