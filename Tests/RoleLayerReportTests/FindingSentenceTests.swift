import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerReport

/// The findings never claim a verdict the figures beside them contradict, and say the numbers as
/// the tables print them (the newcomer's review of `rolelayer demo`).
struct FindingSentenceTests {
    static func estimate(_ v: Double, _ l: Double?, _ u: Double?) -> Estimate {
        Estimate(value: v, n: 1000, organisations: 200, lower: l, upper: u)
    }

    static func gradient(lmg: Estimate, ratio: Estimate) -> AdoptionGradientResult {
        var g = SimulatedCohort.input.adoptionGradient
        g.varianceDecomposition.lmgDifference = lmg
        g.gradientRatio = ratio
        g.stageGradient = estimate(51.4, 45, 57.5)
        return g
    }

    /// The verdict follows the LMG difference's interval; the ratio is said as a range comparison
    /// and its disagreement is named, never turned into the opposite verdict.
    @Test func roleVersusMaturityFollowsTheVarianceShares() throws {
        let roleAhead = try #require(AdoptionGradientSection.comparison(Self.gradient(
            lmg: Self.estimate(0.07, 0.006, 0.142), ratio: Self.estimate(0.70, 0.61, 0.80))))
        #expect(roleAhead.hasPrefix("Role separates readiness more than organisational maturity does"))
        #expect(roleAhead.contains("(LMG, role − maturity) is +0.070 [+0.006, +0.142]"))
        #expect(roleAhead.contains("The ranges point the other way: the spread between the most and least advanced role is 0.70 times the spread between maturity stages (51.4 points)"))
        #expect(!roleAhead.contains("maturity separates readiness more"))

        let equal = try #require(AdoptionGradientSection.comparison(Self.gradient(
            lmg: Self.estimate(0.001, -0.103, 0.1), ratio: Self.estimate(0.69, 0.61, 0.80))))
        #expect(equal.hasPrefix("Role and organisational maturity separate readiness about equally"))
        #expect(equal.contains("The ranges alone would favour maturity: "))

        let agree = try #require(AdoptionGradientSection.comparison(Self.gradient(
            lmg: Self.estimate(-0.05, -0.09, -0.01), ratio: Self.estimate(0.70, 0.61, 0.80))))
        #expect(agree.hasPrefix("Organisational maturity separates readiness more than role does"))
        #expect(agree.contains("By range, the spread between the most and least advanced role is 0.70 times"))

        let noInterval = try #require(AdoptionGradientSection.comparison(Self.gradient(
            lmg: Self.estimate(0.07, nil, nil), ratio: Self.estimate(0.70, nil, nil))))
        #expect(noInterval.hasPrefix("Without an interval, the report does not judge"))

        // The overview's headline is this sentence, not a ratio verdict.
        let headlines = HTMLReport.model(SimulatedCohort.input).headlines
        #expect(headlines.contains { $0.contains("shares of the explained variance") })
        #expect(!headlines.contains { $0.contains("times the stage gradient") })
    }

    /// The text summary states the same verdict from the LMG difference and no ratio verdict.
    @Test func textVerdictFollowsTheVarianceShares() {
        var result = TextSummaryTests.result
        result.waves[0].adoptionGradient.varianceDecomposition.lmgDifference = Self.estimate(0.07, 0.006, 0.142)
        result.waves[0].adoptionGradient.gradientRatio = Self.estimate(0.70, 0.61, 0.80)
        let text = TextSummary.render(result)
        #expect(text.contains("difference +0.070 [+0.006, +0.142]"))
        #expect(text.contains("which separates readiness more: role separates readiness more than maturity does"))
        #expect(text.contains("ratio R = G_role / G_stage: 0.70 [0.61, 0.80] (a comparison of ranges of group means)"))
    }

    /// Lags are said with one decimal, as the lag table prints them.
    @Test func lagsWithOneDecimal() throws {
        #expect(Phrase.waves(1.7) == "about 1.7 waves")
        #expect(Phrase.waves(1.74) == "about 1.7 waves")
        #expect(Phrase.waves(2.0) == "about 2 waves")
        #expect(Phrase.waves(1.0) == "about 1 wave")
        let section = HTMLReport.model(SimulatedCohort.input).sections[4]
        let lagRows = section.tables[1].rows.map { row -> String in
            row.prefix(3).map { cell -> String in if case .text(let s) = cell { return s }; return "" }.joined(separator: "|")
        }
        var checked = 0
        for finding in section.findings where finding.contains(" leads ") && finding.contains(" by about ") {
            let words = finding.split(separator: " ")
            let leader = String(words[0]), follower = String(words[2])
            let lag = String(finding.split(separator: "by about ")[1].split(separator: " ")[0])
            #expect(lagRows.contains { $0.hasPrefix("\(leader) ahead of \(follower)|") && ($0.hasSuffix("|\(lag) waves") || $0.hasSuffix("|\(lag) wave")) },
                    "\(finding)")
            checked += 1
        }
        #expect(checked > 0)
    }

    /// The friction reading depends on the difference's interval, printed to 3 decimals in report and text.
    @Test func frictionDifferenceWithThreeDecimals() throws {
        var f = SimulatedCohort.input.influence.friction
        f.difference = Self.estimate(-0.0031, -0.0052, -0.0012)
        let below = try #require(InfluenceSection.frictionFinding(f))
        #expect(below.contains("difference −0.003 [−0.005, −0.001]: the influential roles are better aligned than the rest."))
        f.difference = Self.estimate(-0.0031, -0.0062, 0.0004)
        let even = try #require(InfluenceSection.frictionFinding(f))
        #expect(even.contains("difference −0.003 [−0.006, 0.000]: misalignment is spread about evenly across influence"))
        f.difference = Self.estimate(-0.0031, nil, nil)
        #expect(try #require(InfluenceSection.frictionFinding(f)).hasSuffix("without an interval for the difference, no reading is given."))

        var result = TextSummaryTests.result
        result.waves[0].influence.friction.difference = Self.estimate(-0.0031, -0.0052, -0.0012)
        let text = TextSummary.render(result)
        #expect(text.contains("; difference −0.003 [−0.005, −0.001] (the influential roles are better aligned than the rest)"))
    }

    /// Consensus: exactly how many organisations reached it in the waves observed; median words only with a median.
    @Test func consensusCountsExactly() throws {
        var c = try #require(SimulatedCohort.input.consensus)
        c.organisations = 496
        c.reachedConsensus = 0
        c.inConsensusAtEntry = 0
        c.medianWaves = Estimate(missing: "not available: median not reached", n: 496, organisations: 496)
        c.medianLowerBound = 3
        let none = ConsensusSection.findingsText(c, intervalName: "95% interval")
        #expect(none == ["None of the 496 organisations reached consensus in the \(c.waves.count) waves observed."])
        #expect(!none.joined().contains("half") && !none.joined().contains("median"))
        c.reachedConsensus = 12
        #expect(ConsensusSection.findingsText(c, intervalName: "95% interval") == ["12 of 496 organisations reached consensus in the \(c.waves.count) waves observed."])
        c.medianWaves = Self.estimate(2.0, 1.5, 3)
        let median = ConsensusSection.findingsText(c, intervalName: "95% interval")
        #expect(median.first == "Half the organisations reach consensus within about 2 waves (95% interval 1.5 to 3.0 waves).")
    }

    /// Two alphas less than 0.01 apart are about equally low, with enough decimals to tell them apart.
    @Test func alphaTies() {
        #expect(AlignmentSection.weakestAgreement([("Direction", 0.190), ("Conviction", 0.194), ("Risk", 0.3)])
                == "The roles agree about equally little on direction and conviction (Krippendorff's alpha 0.190 and 0.194).")
        #expect(AlignmentSection.weakestAgreement([("Direction", 0.15), ("Conviction", 0.194)])
                == "The roles agree least on direction (Krippendorff's alpha 0.15).")
        #expect(AlignmentSection.weakestAgreement([]) == nil)
    }

    /// Report and text list blocker concentrations in one order: adjusted residual z, strongest first.
    @Test func concentrationsInOneOrder() throws {
        let result = TextSummaryTests.result
        let blockers = try #require(result.waves.last?.blockers)
        let ordered = Verdict.concentrations(blockers)
        try #require(ordered.count >= 2)
        let z = ordered.map { $0.figure.adjustedResidual ?? -.infinity }
        #expect(z == z.sorted(by: >))
        let text = TextSummary.render(result)
        let lastWave = String(text.split(separator: "== Wave ").last!)
        let textOrder = lastWave.split(separator: "\n").filter { $0.hasPrefix("    ") && $0.contains(" of the cell, lift ") }
            .map { String($0.trimmingPrefix("    ").split(separator: ":")[0]) }
        #expect(textOrder == ordered.prefix(5).map { "\($0.blocker) in \($0.figure.role)" })
        let names = RoleNames(instrument: .default)
        let html = try #require(HTMLReport.render(result: result, cohortName: "t"))
        let phrases = ordered.prefix(5).map { c -> String in
            let b = names.blocker(c.blocker)
            return "\(b.prefix(1).lowercased() + b.dropFirst()) in the \(names.short(c.figure.role))"
        }
        let positions = phrases.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    /// With nothing published (no respondents in the cell), the blocker finding says so instead of "no concentration".
    @Test func emptyCellHasNoFinding() {
        var b = SimulatedCohort.input.blockers
        for i in b.blockers.indices {
            b.blockers[i].cellShare = .suppressed(n: 0, organisations: 0)
            for j in b.blockers[i].roles.indices {
                b.blockers[i].roles[j].share = .suppressed(n: 0, organisations: 0)
                b.blockers[i].roles[j].lift = .suppressed(n: 0, organisations: 0)
                b.blockers[i].roles[j].concentrated = false
            }
        }
        var input = SimulatedCohort.input
        input.blockers = b
        let findings = HTMLReport.model(input).sections[2].findings
        #expect(findings.first == "Blockers: no published figures (n < k).")
        #expect(!findings.joined().contains("No blocker concentrates"))
        var result = TextSummaryTests.result
        result.waves[0].blockers = b
        let text = TextSummary.render(result)
        #expect(text.contains("  concentrations: no published figures (n < k)\n"))
    }

    /// The Kaplan-Meier caption names a band only when one is drawn, and otherwise says why there is none.
    @Test func survivalBandOnlyWhenDrawn() throws {
        let bare = SurvivalChart(title: "t", summary: "s", steps: [.init(time: 1, survival: 1, lower: nil, upper: nil)], median: nil, lastTime: 3)
        #expect(!bare.svg(id: "c").contains("shaded"))
        #expect(bare.svg(id: "c").contains("no band"))
        let banded = SurvivalChart(title: "t", summary: "s", steps: [.init(time: 1, survival: 0.9, lower: 0.8, upper: 0.95)], median: nil, lastTime: 3)
        #expect(banded.svg(id: "c").contains("shaded: 95% band"))

        var input = SimulatedCohort.input
        var c = try #require(input.consensus)
        c.reachedConsensus = 0
        c.curve = c.curve.map { var s = $0; s.lower = nil; s.upper = nil; return s }
        input.consensus = c
        let figure = try #require(HTMLReport.model(input).sections[6].figures.first)
        #expect(figure.caption.contains("No band is drawn: with no organisation reaching consensus"))
    }

    /// The diagnostic subtitle names the cohort once, whether or not its name ends in "cohort".
    @Test func diagnosticSubtitle() {
        #expect(DiagnosticPage.cohortPhrase("RoleLayer cohort") == "the RoleLayer cohort")
        #expect(DiagnosticPage.cohortPhrase("Acme 2026") == "the Acme 2026 cohort")
        let model = DiagnosticPage.model(SimulatedCohort.diagnostic, instrument: .default, settings: SimulatedCohort.settings,
                                         cohortName: "RoleLayer cohort", generator: "t")
        #expect(model.subtitle?.hasSuffix("compared with the RoleLayer cohort") == true)
    }
}
