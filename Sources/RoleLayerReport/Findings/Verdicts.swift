import RoleLayerCore

/// Verdicts that the HTML report and the text summary must state alike: one rule each, so the
/// page and the terminal never disagree.
enum Verdict {
    /// Which factor separates readiness more, judged **only** by the LMG difference (role's minus
    /// maturity's Shapley share of the two-factor R², Lindeman, Merenda & Gold 1980): a verdict
    /// needs the difference's interval to exclude 0. The gradient ratio compares ranges of group
    /// means and is reported as a range comparison, never as this verdict.
    enum Factor: Equatable {
        /// The interval lies above 0.
        case role
        /// The interval lies below 0.
        case maturity
        /// The interval includes 0: about equally important.
        case aboutEqual
        /// No value or no interval: no verdict.
        case notJudged

        init(lmgDifference d: Estimate) {
            guard d.finiteValue != nil, d.interval != nil else { self = .notJudged; return }
            self = d.intervalAboveZero ? .role : (d.intervalBelowZero ? .maturity : .aboutEqual)
        }

        /// The side the range comparison takes: role when the ratio's interval lies above 1,
        /// maturity when below 1, else about equal (not judged without an interval).
        init(gradientRatio r: Estimate) {
            guard r.finiteValue != nil, let (l, u) = r.interval else { self = .notJudged; return }
            self = l > 1 ? .role : (u < 1 ? .maturity : .aboutEqual)
        }
    }

    /// Where a difference's interval lies against 0: the one test behind every "differs" verdict
    /// (friction index minus unweighted misalignment, among others).
    enum Sign: Equatable {
        case aboveZero, belowZero, includesZero
        /// No value or no interval: no verdict.
        case notJudged

        init(_ d: Estimate) {
            guard d.finiteValue != nil, d.interval != nil else { self = .notJudged; return }
            self = d.intervalAboveZero ? .aboveZero : (d.intervalBelowZero ? .belowZero : .includesZero)
        }
    }

    /// The significant blocker concentrations, strongest first: by adjusted residual z
    /// (descending), then in instrument order of blocker and role. The one order of the report's
    /// finding and the text summary.
    static func concentrations(_ result: BlockerDistributionResult)
        -> [(blocker: Blocker, figure: BlockerDistributionResult.RoleShare, cellShare: Estimate)] {
        var out: [(blocker: Blocker, figure: BlockerDistributionResult.RoleShare, cellShare: Estimate, order: Int)] = []
        for b in result.blockers {
            for r in b.roles where r.concentrated { out.append((b.blocker, r, b.cellShare, out.count)) }
        }
        out.sort { a, b in
            let za = a.figure.adjustedResidual ?? -.infinity, zb = b.figure.adjustedResidual ?? -.infinity
            return za != zb ? za > zb : a.order < b.order
        }
        return out.map { ($0.blocker, $0.figure, $0.cellShare) }
    }

    /// `true` when the blocker result publishes no share at all (no respondents, or every cell
    /// below the anonymity threshold): then there is nothing to find, only "no published figures".
    static func nothingPublished(_ result: BlockerDistributionResult) -> Bool {
        !result.blockers.contains { b in b.cellShare.isPublished || b.roles.contains { $0.share.isPublished } }
    }

    /// The sentence for a construct with nothing published in the cell: "no published figures (n < k)".
    static let noPublishedFigures = "no published figures (\(SuppressedMark.label))"
}
