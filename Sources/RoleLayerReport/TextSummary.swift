import RoleLayerCore

/// A readable terminal summary of an analysis result's headline figures: what
/// `rolelayer analyze --format text` prints (and, for a diagnostic, `rolelayer diagnose`).
///
/// Per wave: the Role Shift Index by role, sorted from the most advanced, with intervals, shifts
/// and suppression marked `n < k`; the adoption gradient and its ratio; the blocker
/// concentrations; leadership alignment and the fault lines; gatekeepers, validators,
/// bottlenecks and friction. Across waves: the lead-lag order and lags, convergence, and the
/// consensus horizon. Then the notes.
///
/// Numbers are rounded for people here only, through ``NumberText`` as in the HTML report (the
/// JSON keeps full precision): positions, RSI, gradients and shifts 1 decimal (shifts signed),
/// shares as whole percentages, alignment, RII, ratios, eta-squared and W 2 decimals, p-values 3
/// decimals or `< 0.001`; negative numbers carry U+2212. Intervals are written `[lower, upper]`;
/// a figure the specification gives no interval stands alone, a published figure whose interval
/// is missing is followed by `[no interval]`, a suppressed one reads `n < k (n = 4)`. No
/// respondent id or comment appears: results hold none.
public enum TextSummary {
    /// The summary of `result`, ending with a newline.
    public static func render(_ result: AnalysisResult) -> String {
        var out = TextLines()
        header(result, &out)
        for w in result.waves {
            out.blank()
            out.line("== Wave \(w.wave): \(count(w.respondents)) respondents, \(count(w.organisations)) organisations ==")
            roleShiftIndex(w.roleShiftIndex, &out)
            adoptionGradient(w.adoptionGradient, &out)
            blockers(w.blockers, &out)
            alignment(w.alignment, &out)
            influence(w.influence, &out)
        }
        out.blank()
        out.line("== Across waves: \(result.selection.waves.map(\.description).joined(separator: ", ")) ==")
        leadLag(result.acrossWaves.leadLag, &out)
        consensus(result.acrossWaves.consensusHorizon, &out)
        if !result.notes.isEmpty {
            out.blank()
            out.line("Notes")
            for note in result.notes { out.line("  - " + note) }
        }
        return out.text
    }

    // MARK: - Header

    private static func header(_ r: AnalysisResult, _ out: inout TextLines) {
        let s = r.settings
        out.line("RoleLayer analysis (result schema \(r.schemaVersion), instrument \(r.instrument.name) v\(r.instrument.version))")
        let waves = r.selection.waves.map(\.description)
        let waveText = waves.isEmpty ? "none selected" : waves.joined(separator: ", ")
        out.line("Waves: \(waveText); \(count(r.cohort.respondents)) respondent-waves, \(count(r.cohort.organisations)) organisations")
        var segment: [String] = SegmentKey.allCases.compactMap { k in r.selection.segment.values[k].map { "\(k.rawValue)=\($0)" } }
        if let st = r.selection.segment.orgStage { segment.append("org_stage=\(st)") }
        out.line("Segment: " + (segment.isEmpty ? "whole cohort" : segment.joined(separator: ", ")))
        let level = fixed(s.confidenceLevel * 100, 0) + "%"
        let intervals = s.bootstrapReplicates > 0
            ? "\(level) cluster-bootstrap intervals, B = \(s.bootstrapReplicates), seed \(r.seed)"
            : "no intervals (bootstrap disabled, B = 0), seed \(r.seed)"
        out.line("Intervals: \(intervals)")
        out.line("Anonymity: a figure needs at least \(s.minimumRespondents) respondents from \(s.minimumOrganisations) organisations; \"n < k\" marks a suppressed figure")
        if !r.cohort.hasOrganisations {
            out.line("No organisations in the data: each respondent is their own cluster")
        }
    }

    // MARK: - Per-wave constructs

    private static func roleShiftIndex(_ r: RoleShiftIndexResult, _ out: inout TextLines) {
        out.blank()
        let since = r.previousWave.map { "; shift since \($0)" } ?? ""
        out.line("Role Shift Index (0-100, higher is further along; one stage step = \(fixed(r.stageStep, 2)) points\(since))")
        let published = r.roles.filter { $0.roleShiftIndex.isPublished }
            .sorted { ($0.roleShiftIndex.value ?? 0) > ($1.roleShiftIndex.value ?? 0) }
        let others = r.roles.filter { !$0.roleShiftIndex.isPublished }
        var rows: [[String]] = [["role", "RSI", "n", "orgs", "median stage", r.previousWave == nil ? "" : "shift"]]
        for f in published + others {
            let e = f.roleShiftIndex
            var shift = ""
            if let s = f.shift {
                shift = estimate(s, signed: true, decimals: 1)
                if f.shiftIsSignificant == true { shift += " *" }
            }
            rows.append([f.role.rawValue, estimate(e, decimals: 1), count(e.n), count(e.organisations),
                         f.medianStage.map(String.init) ?? "-", shift])
        }
        out.table(rows)
        if r.previousWave != nil { out.line("  * the shift's interval excludes 0") }
    }

    private static func adoptionGradient(_ g: AdoptionGradientResult, _ out: inout TextLines) {
        out.blank()
        out.line("Organisational Adoption Gradient (index points)")
        var roles = ""
        if let lead = g.leadingRole, let lag = g.laggingRole { roles = " (leading \(lead), lagging \(lag))" }
        out.line("  role gradient G_role: \(estimate(g.roleGradient, decimals: 1))\(roles)")
        if g.roleGradientBiasCorrected.isPublished {
            out.line("    bias-corrected: \(fixed(g.roleGradientBiasCorrected.value!, 1)); SD of role means \(estimate(g.roleMeansStandardDeviation, decimals: 1))")
        }
        out.line("  stage gradient G_stage: \(estimate(g.stageGradient, decimals: 1))")
        out.line("  ratio R = G_role / G_stage: \(estimate(g.gradientRatio, decimals: 2))\(g.gradientRatio.isPublished ? " (a comparison of ranges of group means)" : "")")
        let v = g.varianceDecomposition
        out.line("  eta-squared: role \(estimate(v.etaSquaredRole, decimals: 2)), maturity \(estimate(v.etaSquaredMaturity, decimals: 2))")
        out.line("  partial eta-squared (Type II): role \(estimate(v.partialEtaSquaredRole, decimals: 2)), maturity \(estimate(v.partialEtaSquaredMaturity, decimals: 2))")
        out.line("  LMG shares of R-squared \(estimate(v.rSquared, decimals: 2)): role \(estimate(v.lmgRole, decimals: 2)), maturity \(estimate(v.lmgMaturity, decimals: 2)), difference \(estimate(v.lmgDifference, signed: true, decimals: 3))")
        let verdict: String = switch Verdict.Factor(lmgDifference: v.lmgDifference) {
        case .role: "role separates readiness more than maturity does (the LMG difference's interval lies above 0)"
        case .maturity: "maturity separates readiness more than role does (the LMG difference's interval lies below 0)"
        case .aboutEqual: "role and maturity are about equally important (the LMG difference's interval includes 0)"
        case .notJudged: "not judged (the LMG difference has no interval)"
        }
        if v.lmgDifference.isPublished { out.line("    which separates readiness more: " + verdict) }
        let o = g.withinOrganisation
        out.line("  within organisations (\(count(o.organisationsIncluded)) with enough roles): median g_o \(estimate(o.median, decimals: 1)), IQR \(estimate(o.interquartileRange, decimals: 1))")
        if o.median.isPublished {
            out.line("    at least one stage step apart: \(estimate(o.shareAtLeastOneStep, percent: true)); mean of organisation means \(estimate(o.meanOfOrganisationMeans, decimals: 1))")
        }
    }

    private static func blockers(_ b: BlockerDistributionResult, _ out: inout TextLines) {
        out.blank()
        out.line("Blockers (\(count(b.respondents)) respondents answering)")
        let top = b.blockers.filter { $0.cellShare.isPublished }
            .sorted { ($0.cellShare.value ?? 0) > ($1.cellShare.value ?? 0) }.prefix(3)
        if top.isEmpty {
            out.line("  most cited: " + (b.blockers.first.map { reasonText($0.cellShare) } ?? "no blockers in the instrument"))
        } else {
            out.line("  most cited: " + top.map { "\($0.blocker) \(estimate($0.cellShare, percent: true))" }.joined(separator: "; "))
        }
        let concentrations = Verdict.concentrations(b)
        if Verdict.nothingPublished(b) {
            out.line("  concentrations: " + Verdict.noPublishedFigures)
        } else if concentrations.isEmpty {
            out.line("  concentrations: none (no role cites a blocker markedly more than the cell after the Benjamini-Hochberg adjustment)")
        } else {
            out.line("  concentrations (|z| > \(fixed(b.residualThreshold, 2)), surviving Benjamini-Hochberg), strongest first:")
            for c in concentrations.prefix(5) {
                let cell = c.cellShare.value.map { percent($0) } ?? "-"
                out.line("    \(c.blocker) in \(c.figure.role): \(estimate(c.figure.share, percent: true)) vs \(cell) of the cell, lift \(c.figure.lift.value.map { fixed($0, 2) } ?? "-"), z = \(c.figure.adjustedResidual.map { fixed($0, 1) } ?? "-")")
            }
            if concentrations.count > 5 { out.line("    ... and \(concentrations.count - 5) more") }
        }
        let j = b.jointTest
        if let p = j.pValue, let stat = j.statistic {
            out.line("  joint permutation test: sum of X-squared \(fixed(stat, 1)), p \(pValue(p)) (\(j.permutations) permutations)")
        } else {
            out.line("  joint permutation test: " + (j.reason ?? "not available"))
        }
        out.line("  shared-constraint index (1 = one shared constraint): \(estimate(b.sharedConstraintIndex, decimals: 2))")
    }

    private static func alignment(_ a: AlignmentMapResult, _ out: inout TextLines) {
        out.blank()
        out.line("Role Alignment Map (0-1, 1 = the roles answer alike)")
        if let reason = a.unavailableReason {
            out.line("  " + reason)
            return
        }
        let l = a.leadership
        var quartiles = ""
        if let q1 = l.lowerQuartile, let q2 = l.median, let q3 = l.upperQuartile {
            quartiles = " (quartiles \(fixed(q1, 2)), \(fixed(q2, 2)), \(fixed(q3, 2)))"
        }
        out.line("  leadership alignment, mean A_o over \(count(a.organisations)) organisations: \(estimate(l.mean, decimals: 2))\(quartiles)")
        out.line("  rWG: direction \(estimate(l.directionAgreement, decimals: 2)), conviction \(estimate(l.convictionAgreement, decimals: 2))")
        if a.faultLines.isEmpty {
            out.line("  fault lines: none published")
        } else {
            out.line("  fault lines (lowest alignment first):")
            var rows: [[String]] = []
            for f in a.faultLines {
                rows.append(["\(f.rank).", "\(f.roleA)-\(f.roleB)", "A " + estimate(f.alignment, decimals: 2),
                             "excess " + estimate(f.excess, signed: true, decimals: 2), "orgs \(count(f.alignment.organisations))"])
            }
            out.table(rows, indent: 4)
        }
        var alpha = a.agreement.filter(\.alpha.isPublished).map { "\($0.dimension.rawValue) \(estimate($0.alpha, decimals: 2))" }
        var missing: [(reason: String, dimensions: [String])] = []
        for d in a.agreement where !d.alpha.isPublished {
            let why = reasonText(d.alpha)
            if let k = missing.firstIndex(where: { $0.reason == why }) { missing[k].dimensions.append(d.dimension.rawValue) }
            else { missing.append((why, [d.dimension.rawValue])) }
        }
        alpha += missing.map { "\($0.dimensions.joined(separator: ", ")): \($0.reason)" }
        out.line("  Krippendorff's alpha: " + alpha.joined(separator: "; "))
    }

    private static func influence(_ i: InfluenceIndexResult, _ out: inout TextLines) {
        out.blank()
        out.line("Role Influence Index (RII: mean 1 over \(i.nodeCount) roles; sign-off power 0-1)")
        func list(_ archetype: InfluenceArchetype) -> String {
            let roles = i.roles.filter { $0.archetype == archetype }
            if roles.isEmpty { return "none" }
            return roles.map { "\($0.role) (RII \(estimate($0.rii, decimals: 2)), sign-off \(estimate($0.signoffPower, decimals: 2)))" }
                .joined(separator: "; ")
        }
        out.line("  gatekeepers: " + list(.gatekeeper))
        out.line("  validators: " + list(.validator))
        let bottlenecks = i.roles.filter { $0.bottleneck == true }.map(\.role.rawValue)
        out.line("  bottlenecks (gatekeepers below the median RSI): " + (bottlenecks.isEmpty ? "none" : bottlenecks.joined(separator: ", ")))
        let unclassified = i.roles.filter { $0.archetype == nil && $0.present }
        if !unclassified.isEmpty {
            out.line("  not classified: " + unclassified.map { "\($0.role) (\($0.archetypeReason ?? "not available"))" }.joined(separator: "; "))
        }
        let f = i.friction
        let reading: String = switch Verdict.Sign(f.difference) {
        case .aboveZero: " (misalignment sits among the influential roles)"
        case .belowZero: " (the influential roles are better aligned than the rest)"
        case .includesZero: " (no clear difference: the interval includes 0)"
        case .notJudged: ""
        }
        out.line("  friction index: \(estimate(f.index, decimals: 3)) vs unweighted misalignment \(estimate(f.unweightedMisalignment, decimals: 3)); difference \(estimate(f.difference, signed: true, decimals: 3))\(reading)")
        if !f.pairs.isEmpty {
            out.line("  highest friction: " + f.pairs.prefix(3).map { "\($0.rank). \($0.roleA)-\($0.roleB) \(fixed($0.friction, 3)) (A \(fixed($0.alignment, 2)))" }.joined(separator: "; "))
        }
    }

    // MARK: - Across waves

    private static func leadLag(_ l: LeadLagRankingResult, _ out: inout TextLines) {
        out.blank()
        out.line("Role Lead-Lag Ranking (rank 1 = most advanced)")
        let ranked = l.roles.filter { $0.meanRank != nil }.sorted { $0.meanRank! < $1.meanRank! }
        if ranked.isEmpty {
            out.line("  no role is published in any wave")
        } else {
            var header = ["", "role", "mean rank"]
            header += l.waves.map { "RSI \($0)" }
            header.append("lag behind \(l.bestRole.map(\.rawValue) ?? "the best role")")
            var rows: [[String]] = [header]
            for (k, t) in ranked.enumerated() {
                var row = ["\(k + 1).", t.role.rawValue, fixed(t.meanRank!, 2)]
                row += t.roleShiftIndex.map { $0.map { fixed($0, 1) } ?? "n < k" }
                row.append(t.role == l.bestRole ? "(best)" : (t.lagBehindBest.map(lag) ?? "-"))
                rows.append(row)
            }
            out.table(rows)
            let unranked = l.roles.filter { $0.meanRank == nil }.map(\.role.rawValue)
            if !unranked.isEmpty { out.line("  never published (n < k or absent): " + unranked.joined(separator: ", ")) }
        }
        out.line("  rank stability, Kendall's W over \(l.rankStability.roles.count) roles published in every wave: \(estimate(l.rankStability.kendallW, decimals: 2))")
        let behind = l.pairs.filter { $0.isBehind == true }
        let lagged = behind.filter { $0.lag.waves != nil || $0.lag.moreThan != nil }
        out.line("  pairs with the follower behind: \(behind.count) of \(l.pairs.count) ordered pairs; with a lag: \(lagged.count)")
        let s = l.sigmaConvergence
        out.line("  sigma-convergence (SD of role RSIs per wave: \(s.standardDeviations.map { $0.map { fixed($0, 1) } ?? "-" }.joined(separator: ", "))): slope \(estimate(s.slope, signed: true, decimals: 2)) per wave, \(s.trend?.rawValue ?? "no trend without an interval")")
        let converging = l.convergence.filter { $0.trend == .converging }
        let diverging = l.convergence.filter { $0.trend == .diverging }
        out.line("  role pairs: \(converging.count) converging, \(diverging.count) diverging, \(l.convergence.count - converging.count - diverging.count) stable or without interval")
        for c in converging.sorted(by: { ($0.slope.value ?? 0) < ($1.slope.value ?? 0) }).prefix(3) {
            let close = c.projectedClose.waves.map {
                $0 == 0 ? "already within one stage step" : "within one stage step in \(fixed($0, 1)) waves (projected)"
            } ?? (c.projectedClose.reason ?? "")
            out.line("    converging \(c.first)-\(c.second): gap slope \(estimate(c.slope, signed: true, decimals: 2)) per wave; \(close)")
        }
        for c in diverging.sorted(by: { ($0.slope.value ?? 0) > ($1.slope.value ?? 0) }).prefix(3) {
            out.line("    diverging \(c.first)-\(c.second): gap slope \(estimate(c.slope, signed: true, decimals: 2)) per wave")
        }
    }

    private static func consensus(_ c: ConsensusHorizonResult, _ out: inout TextLines) {
        out.blank()
        out.line("Consensus horizon (waves from entry until the gatekeepers agree)")
        if let reason = c.unavailableReason {
            out.line("  " + reason)
            return
        }
        var median = estimate(c.medianWaves, decimals: 1)
        if c.reachedConsensus == 0 {
            median = "none: no organisation reached consensus in the \(c.waves.count) waves observed"
        } else if !c.medianWaves.isPublished, let bound = c.medianLowerBound {
            median = "not reached: more than \(fixed(bound, 0)) waves"
        }
        out.line("  median waves to consensus (Kaplan-Meier): \(median)")
        out.line("  organisations entered \(count(c.organisations)): \(count(c.reachedConsensus)) reached consensus (\(count(c.inConsensusAtEntry)) already at entry), \(count(c.censored)) censored")
        if !c.byWave.isEmpty {
            out.line("  share in consensus: " + c.byWave.map { "\($0.wave) \(estimate($0.shareInConsensus, percent: true))" }.joined(separator: "; "))
        }
    }

    // MARK: - Organisation diagnostic

    /// The organisation diagnostic as text. It opens with ``OrganisationDiagnostic/notice``: the
    /// diagnostic identifies roles and is meant for that organisation's leadership team only.
    public static func render(_ d: OrganisationDiagnosticResult) -> String {
        var out = TextLines()
        out.line("NOTICE: " + d.notice)
        out.blank()
        out.line("Organisation diagnostic: \(d.organisation), wave \(d.wave), \(count(d.respondents)) respondents")
        if let reason = d.unavailableReason {
            out.line("  " + reason)
            return out.text
        }
        out.blank()
        out.line("Roles (mean position x 0-100; percentile among the cohort's respondents of the role)")
        var rows: [[String]] = [["role", "respondents", "x", "vs org median", "percentile", "cohort RSI", "running ahead"]]
        for r in d.roles {
            rows.append([r.role.rawValue, count(r.respondents), fixed(r.position, 1), signed(r.aboveOrganisationMedian, 1),
                         r.cohortPercentile.map { fixed($0, 0) } ?? (r.percentileReason == AnonymityRule.suppressedReason ? "n < k" : "-"),
                         r.cohortRSI.map { fixed($0, 1) } ?? "n < k",
                         r.runningAhead.map { $0 ? "yes" : "no" } ?? "-"])
        }
        out.table(rows)
        func comparison(_ c: DiagnosticComparison, decimals: Int) -> String {
            guard let v = c.value else { return c.reason ?? "not available" }
            let place = c.percentile.map { "percentile \(fixed($0, 0)) of \(count(c.cohortOrganisations)) organisations" }
                ?? (c.reason ?? "no cohort comparison")
            return "\(fixed(v, decimals)) (\(place))"
        }
        out.blank()
        out.line("Within-organisation gradient g_o (index points): " + comparison(d.withinOrganisationGradient, decimals: 1))
        out.line("Leadership alignment A_o (0-1): " + comparison(d.leadershipAlignment, decimals: 2))
        out.line("rWG: direction \(d.directionAgreement.map { fixed($0, 2) } ?? "-"), conviction \(d.convictionAgreement.map { fixed($0, 2) } ?? "-")")
        out.blank()
        out.line("Alignment by role pair (the organisation's value; the cohort's A_ab; flagged below the cohort's 25th percentile)")
        var pairs: [[String]] = [["pair", "alignment", "cohort", "cohort 25th pct", "flag"]]
        for p in d.alignment {
            pairs.append(["\(p.roleA)-\(p.roleB)", fixed(p.alignment, 2), estimate(p.cohort, decimals: 2),
                          p.cohortLowerQuartile.map { fixed($0, 2) } ?? "-", p.belowCohortLowerQuartile == true ? "below" : ""])
        }
        out.table(pairs)
        out.blank()
        out.line("Running ahead: " + (d.runningAhead.isEmpty ? "none" : d.runningAhead.map(\.rawValue).joined(separator: ", ")))
        if let reason = d.unacknowledgedRiskReason {
            out.line("Unacknowledged risks: " + reason)
        } else {
            out.line("Unacknowledged risks (blockers cited by one role only): "
                     + (d.unacknowledgedRisks.isEmpty ? "none" : d.unacknowledgedRisks.map { "\($0.blocker) (\($0.role))" }.joined(separator: ", ")))
        }
        let c = d.localCapability
        if let flagged = c.flagged {
            out.line("Local capability masquerading as collective preparedness: \(flagged ? "FLAGGED" : "not flagged")"
                     + " (organisation mean x \(c.organisationMean.map { fixed($0, 1) } ?? "-") vs cohort median \(c.cohortMedianOfOrganisationMeans.map { fixed($0, 1) } ?? "-");"
                     + " g_o \(c.gradient.map { fixed($0, 1) } ?? "-") vs cohort 75th percentile \(c.cohortGradientUpperQuartile.map { fixed($0, 1) } ?? "-"))")
        } else {
            out.line("Local capability masquerading as collective preparedness: " + (c.reason ?? "not available"))
        }
        return out.text
    }

    // MARK: - Numbers

    /// An estimate: "62.3 [58.1, 66.0]", "62.3 [no interval]", "n < k (n = 4)" or its reason.
    static func estimate(_ e: Estimate, signed: Bool = false, decimals: Int = 1, percent asPercent: Bool = false) -> String {
        guard let v = e.value else { return reasonText(e) }
        func f(_ x: Double) -> String {
            asPercent ? percent(x) : (signed ? TextSummary.signed(x, decimals) : fixed(x, decimals))
        }
        if let lo = e.lower, let hi = e.upper { return "\(f(v)) [\(f(lo)), \(f(hi))]" }
        // Figures the spec gives no interval stay bare; a missing interval is marked.
        if let why = e.intervalReason, why.hasPrefix("no interval") { return f(v) }
        return "\(f(v)) [no interval]"
    }

    /// A lag: "1.1 waves", "more than 2 waves", or its reason.
    static func lag(_ l: LeadLagRankingResult.Lag) -> String {
        if let w = l.waves { return "\(fixed(w, 1)) waves" }
        if let m = l.moreThan { return "more than \(fixed(m, m == m.rounded() ? 0 : 1)) waves" }
        return l.reason ?? "not available"
    }

    /// "n < k (n = 4)" for a suppressed figure, else its reason.
    static func reasonText(_ e: Estimate) -> String {
        if e.reason == AnonymityRule.suppressedReason { return "\(SuppressedMark.label) (n = \(e.n))" }
        return e.reason ?? "not available"
    }

    /// Fixed decimals (``NumberText``: half away from zero, U+2212 minus, never "-0").
    static func fixed(_ x: Double, _ decimals: Int) -> String { NumberText.format(x, .decimals(decimals)) }

    /// Fixed decimals with an explicit sign ("+2.1", "−0.3", "0.0").
    static func signed(_ x: Double, _ decimals: Int) -> String { NumberText.format(x, .signed(decimals)) }

    /// A share 0...1 as a whole percentage ("35%").
    static func percent(_ x: Double) -> String { NumberText.format(x, .percent(0)) }

    /// A p-value as "= 0.012" or "< 0.001", to follow "p".
    static func pValue(_ p: Double) -> String {
        let text = NumberText.format(p, .pValue)
        return text.hasPrefix("<") ? text : "= " + text
    }

    /// A count with thousands separators ("12,345").
    static func count(_ n: Int) -> String { NumberText.format(Double(n), .count) }
}

/// Lines of text with left-aligned tables.
struct TextLines {
    private(set) var text = ""

    mutating func line(_ s: String) { text += s + "\n" }

    /// An empty line, never two in a row or at the start.
    mutating func blank() {
        if !text.isEmpty, !text.hasSuffix("\n\n") { text += "\n" }
    }

    /// Rows as columns padded to their widest cell (two spaces apart), trailing blanks trimmed.
    mutating func table(_ rows: [[String]], indent: Int = 2) {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        let pad = String(repeating: " ", count: indent)
        for row in rows {
            var s = pad
            for (k, cell) in row.enumerated() {
                s += cell
                if k < row.count - 1 { s += String(repeating: " ", count: widths[k] - cell.count + 2) }
            }
            while s.hasSuffix(" ") { s.removeLast() }
            line(s)
        }
    }
}
