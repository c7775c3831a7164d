/// The Role Shift Index of one cell (constructs.md §1): where each role sits on the adoption
/// spectrum, how its respondents spread over the stages, and, when the previous wave is given,
/// how far it moved.
///
/// Every figure about a role follows the anonymity rule: a role's figures are published only when
/// it has at least k_resp respondents from at least k_org organisations in the cell; otherwise the
/// index is `nil` with the reason `"suppressed"` and the distribution and median are `nil`.
public struct RoleShiftIndexResult: Codable, Sendable, Hashable {
    /// The cell's wave.
    public var wave: Wave
    /// The wave the shifts are measured from, or `nil` when no previous wave was given.
    public var previousWave: Wave?
    /// Respondents in the cell.
    public var respondents: Int
    /// Clusters (organisations; each respondent without one is a cluster of its own) in the cell.
    public var organisations: Int
    /// One stage step on the index scale: stage weight × 100 / 6 (8.33 points with the default
    /// weights), for reading shifts in stages.
    public var stageStep: Double
    /// One entry per role of the instrument, in instrument order.
    public var roles: [RoleFigures]

    /// RSI by role index (instrument order), `nil` where not published: the cohort RSI that
    /// ``InfluenceIndex`` and ``OrganisationDiagnostic`` take.
    public var publishedValues: [Double?] { roles.map(\.roleShiftIndex.value) }

    /// The figures of one role.
    public struct RoleFigures: Codable, Sendable, Hashable {
        /// The role.
        public var role: Role
        /// RSI_r: the weighted mean position x of the role's respondents, 0...100, higher is
        /// further along; cluster-bootstrap percentile interval; n = the role's respondents,
        /// organisations = clusters they come from.
        public var roleShiftIndex: Estimate
        /// Weighted share of the role's respondents at each stage 0...6 (7 shares summing to 1);
        /// `nil` when the role is suppressed.
        public var stageDistribution: [Double]?
        /// Weighted lower median stage of the role's respondents (0...6); `nil` when suppressed.
        public var medianStage: Int?
        /// RSI_r(w) − RSI_r(w − 1), index points, with a cluster-bootstrap interval over all
        /// organisations of both waves; published when the role passes the anonymity rule in both
        /// waves (n = respondent-waves of both, organisations = clusters in either). `nil` when no
        /// previous wave was given.
        public var shift: Estimate?
        /// `true` when the shift's interval excludes 0; `nil` without a published interval.
        public var shiftIsSignificant: Bool?
        /// The panel shift: the mean, over organisations in which the role answered in both waves,
        /// of the change of the role's (weighted) mean x within the organisation, with a
        /// cluster-bootstrap interval; n = the role's respondent-waves in those organisations,
        /// organisations = their number. Published when both waves' respondents in those
        /// organisations and their number pass the anonymity rule. `nil` when no previous wave was given.
        public var panelShift: Estimate?
        /// `true` when the panel shift's interval excludes 0; `nil` without a published interval.
        public var panelShiftIsSignificant: Bool?
    }
}

/// Computes the Role Shift Index (constructs.md §1).
///
/// Formula: x_i = 100 · Σ_k w_k z_k / Σ_k w_k over the answered components (``Position``);
/// RSI_r = Σ v_i x_i / Σ v_i over the role's respondents in the cell (survey weights v).
/// Intervals: cluster bootstrap over the cell's organisations (Davison & Hinkley 1997, §3.8),
/// B, seed, level from the settings, computed from per-cluster sums (O(clusters × roles) per replicate).
public enum RoleShiftIndex {
    /// The stages 0...6 a distribution covers.
    static let stageCount = Stage.range.count

    /// The RSI of every role in `cell`, and the shifts from `previous` when it is given.
    ///
    /// - Parameters:
    ///   - table: the study's responses.
    ///   - cell: the cell (one wave, optionally a segment).
    ///   - previous: the same segment in the study's previous wave (the wave index before
    ///     `cell.waveIndex`), or `nil` for no shifts.
    ///   - settings: weights of x, anonymity thresholds, bootstrap B, seed and level.
    /// - Returns: one ``RoleShiftIndexResult/RoleFigures`` per instrument role. Never throws: what
    ///   cannot be computed carries its reason.
    /// - Complexity: O(respondents) once plus O(B × clusters × roles).
    public static func compute(table: ResponseTable, cell: Cell, previous: Cell? = nil,
                               settings: AnalysisSettings) -> RoleShiftIndexResult {
        let x = table.positions(settings: settings)
        let roleCount = table.roleCount
        let rule = AnonymityRule(settings: settings)
        let totals = roleTotals(table: table, cell: cell, positions: x)
        let sums = totals.totals()
        let n = totals.respondents()
        let organisations = totals.clusters()

        // Stage histograms (weighted), one pass.
        var stageWeight = [Double](repeating: 0, count: roleCount * stageCount)
        for k in 0..<cell.count {
            let i = Int(cell.rows[k])
            stageWeight[Int(table.role[i]) * stageCount + Int(table.stage[i])] += table.weight[i]
        }

        let published = (0..<roleCount).filter { rule.allows(respondents: n[$0], organisations: organisations[$0]) }
        let summaries = ClusterBootstrap(settings: settings).runBatched(
            clusterCount: cell.clusterCount, statisticCount: published.count,
            scratch: { [SIMD8<Double>](repeating: SIMD8(), count: roleCount * 2) }
        ) { batch, out, acc in
            acc.withUnsafeMutableBufferPointer { totals.accumulate(batch, into: $0) }
            for (j, r) in published.enumerated() {
                let w = acc[2 * r], s = acc[2 * r + 1]
                for lane in 0..<batch.count where w[lane] > 0 { out[lane: lane, statistic: j] = s[lane] / w[lane] }
            }
        }

        var roles: [RoleShiftIndexResult.RoleFigures] = []
        for r in 0..<roleCount {
            let estimate: Estimate
            var distribution: [Double]? = nil
            var median: Int? = nil
            if let j = published.firstIndex(of: r) {
                estimate = Estimate(value: sums[2 * r + 1] / sums[2 * r], n: n[r], organisations: organisations[r],
                                    interval: summaries[j])
                let w = Array(stageWeight[r * stageCount ..< (r + 1) * stageCount])
                let total = w.reduce(0, +)
                distribution = w.map { $0 / total }
                median = medianStage(weights: w)
            } else {
                estimate = .suppressed(n: n[r], organisations: organisations[r])
            }
            roles.append(.init(role: table.roleCode(r), roleShiftIndex: estimate, stageDistribution: distribution,
                               medianStage: median, shift: nil, shiftIsSignificant: nil,
                               panelShift: nil, panelShiftIsSignificant: nil))
        }

        var result = RoleShiftIndexResult(
            wave: table.waves[cell.waveIndex], previousWave: nil, respondents: cell.count,
            organisations: cell.clusterCount, stageStep: settings.stageStep, roles: roles)
        if let previous {
            precondition(previous.waveIndex < cell.waveIndex, "the previous cell must be of an earlier wave")
            result.previousWave = table.waves[previous.waveIndex]
            let shifts = self.shifts(table: table, previous: previous, current: cell, positions: x, settings: settings)
            for r in 0..<roleCount {
                result.roles[r].shift = shifts.shift[r]
                result.roles[r].shiftIsSignificant = shifts.shift[r].isPublished && shifts.shift[r].lower != nil
                    ? shifts.shift[r].intervalExcludesZero : nil
                result.roles[r].panelShift = shifts.panel[r]
                result.roles[r].panelShiftIsSignificant = shifts.panel[r].isPublished && shifts.panel[r].lower != nil
                    ? shifts.panel[r].intervalExcludesZero : nil
            }
        }
        return result
    }

    // MARK: - Per-cluster sums

    /// Per (cluster, role) sums [Σ v, Σ v·x] of a cell.
    static func roleTotals(table: ResponseTable, cell: Cell, positions x: [Double]) -> ClusterGroupTotals {
        ClusterGroupTotals(
            clusterCount: cell.clusterCount, groupCount: table.roleCount, valueCount: 2, rowCount: cell.count,
            place: { k in (Int(cell.localCluster[k]), Int(table.role[Int(cell.rows[k])])) },
            add: { k, s in
                let i = Int(cell.rows[k])
                let v = table.weight[i]
                s[0] += v
                s[1] += v * x[i]
            })
    }

    /// The weighted lower median stage from the weight at each stage (the smallest stage whose
    /// cumulative weight reaches half the total), through ``Quantile/weightedLowerMedian(_:weights:)``
    /// on the stages that carry weight (the same answer as on the respondents themselves).
    static func medianStage(weights: [Double]) -> Int? {
        var values: [Double] = [], w: [Double] = []
        for (s, weight) in weights.enumerated() where weight > 0 {
            values.append(Double(s))
            w.append(weight)
        }
        guard let m = try? Quantile.weightedLowerMedian(values, weights: w) else { return nil }
        return Int(m)
    }

    // MARK: - Shifts

    /// Cross-sectional and panel shifts of every role between two cells.
    static func shifts(table: ResponseTable, previous: Cell, current: Cell, positions x: [Double],
                       settings: AnalysisSettings) -> (shift: [Estimate], panel: [Estimate]) {
        let roleCount = table.roleCount
        let rule = AnonymityRule(settings: settings)
        let cells = [previous, current]
        let union = ClusterUnion(cells: cells)
        // Groups: slot * roleCount + role, slot 0 = previous wave, 1 = current wave.
        let rowsBefore = previous.count
        let totals = ClusterGroupTotals(
            clusterCount: union.count, groupCount: 2 * roleCount, valueCount: 2, rowCount: previous.count + current.count,
            place: { k in
                let slot = k < rowsBefore ? 0 : 1
                let cell = cells[slot]
                let j = slot == 0 ? k : k - rowsBefore
                let i = Int(cell.rows[j])
                return (Int(union.localToUnion[slot][Int(cell.localCluster[j])]), slot * roleCount + Int(table.role[i]))
            },
            add: { k, s in
                let slot = k < rowsBefore ? 0 : 1
                let j = slot == 0 ? k : k - rowsBefore
                let i = Int(cells[slot].rows[j])
                let v = table.weight[i]
                s[0] += v
                s[1] += v * x[i]
            })
        let n = totals.respondents()
        let sums = totals.totals()

        // Panel organisations per role: (union cluster, change of the role's mean), and counts.
        var panelCluster = [[Int32]](repeating: [], count: roleCount)
        var panelChange = [[Double]](repeating: [], count: roleCount)
        var panelBefore = [Int](repeating: 0, count: roleCount)
        var panelAfter = [Int](repeating: 0, count: roleCount)
        var eitherWave = [Int](repeating: 0, count: roleCount)
        var entryOf = [Int](repeating: -1, count: 2 * roleCount)
        for c in 0..<union.count {
            let entries = totals.entryStart[c]..<totals.entryStart[c + 1]
            for e in entries { entryOf[Int(totals.entryGroup[e])] = e }
            for r in 0..<roleCount {
                let a = entryOf[r], b = entryOf[roleCount + r]
                if a >= 0 || b >= 0 { eitherWave[r] += 1 }
                guard a >= 0, b >= 0, table.clusterIsOrganisation[Int(union.clusters[c])] else { continue }
                let before = totals.entryValues[2 * a + 1] / totals.entryValues[2 * a]
                let after = totals.entryValues[2 * b + 1] / totals.entryValues[2 * b]
                panelCluster[r].append(Int32(c))
                panelChange[r].append(after - before)
                panelBefore[r] += Int(totals.entryCount[a])
                panelAfter[r] += Int(totals.entryCount[b])
            }
            for e in entries { entryOf[Int(totals.entryGroup[e])] = -1 }
        }

        let clusterCounts = totals.clusters()
        let crossPublished = (0..<roleCount).map { r in
            rule.allows(respondents: n[r], organisations: clusterCounts[r])
                && rule.allows(respondents: n[roleCount + r], organisations: clusterCounts[roleCount + r])
        }
        let panelPublished = (0..<roleCount).map { r in
            !panelCluster[r].isEmpty
                && rule.allows(respondents: min(panelBefore[r], panelAfter[r]), organisations: panelCluster[r].count)
        }
        let clusters = panelCluster, changes = panelChange
        let summaries = ClusterBootstrap(settings: settings).runBatched(
            clusterCount: union.count, statisticCount: 2 * roleCount,
            scratch: { [SIMD8<Double>](repeating: SIMD8(), count: 4 * roleCount) }
        ) { batch, out, acc in
            acc.withUnsafeMutableBufferPointer { totals.accumulate(batch, into: $0) }
            let m = batch.multiplicities
            for r in 0..<roleCount {
                if crossPublished[r] {
                    let wb = acc[2 * r], wa = acc[2 * (roleCount + r)]
                    let sb = acc[2 * r + 1], sa = acc[2 * (roleCount + r) + 1]
                    for lane in 0..<batch.count where wb[lane] > 0 && wa[lane] > 0 {
                        out[lane: lane, statistic: r] = sa[lane] / wa[lane] - sb[lane] / wb[lane]
                    }
                }
                if panelPublished[r] {
                    // Branch-free: a cluster not drawn adds 0 (the unbatched loop skipped it; same sums).
                    var s = SIMD8<Double>(), k = SIMD8<Double>()
                    clusters[r].withUnsafeBufferPointer { list in
                        changes[r].withUnsafeBufferPointer { d in
                            for j in 0..<list.count {
                                let mult = m[Int(list[j])]
                                s += mult * d[j]
                                k += mult
                            }
                        }
                    }
                    for lane in 0..<batch.count where k[lane] > 0 { out[lane: lane, statistic: roleCount + r] = s[lane] / k[lane] }
                }
            }
        }

        var shift: [Estimate] = [], panel: [Estimate] = []
        for r in 0..<roleCount {
            let nBoth = n[r] + n[roleCount + r]
            if crossPublished[r] {
                let value = sums[2 * (roleCount + r) + 1] / sums[2 * (roleCount + r)] - sums[2 * r + 1] / sums[2 * r]
                shift.append(Estimate(value: value, n: nBoth, organisations: eitherWave[r], interval: summaries[r]))
            } else {
                shift.append(.suppressed(n: nBoth, organisations: eitherWave[r]))
            }
            let nPanel = panelBefore[r] + panelAfter[r]
            if panelCluster[r].isEmpty {
                panel.append(Estimate(missing: NotAvailable.because("no organisation in which the role answered in both waves"),
                                      n: 0, organisations: 0))
            } else if panelPublished[r] {
                let mean = panelChange[r].reduce(0, +) / Double(panelChange[r].count)
                panel.append(Estimate(value: mean, n: nPanel, organisations: panelCluster[r].count,
                                      interval: summaries[roleCount + r]))
            } else {
                panel.append(.suppressed(n: nPanel, organisations: panelCluster[r].count))
            }
        }
        return (shift, panel)
    }
}
