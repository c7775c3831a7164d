import RoleLayerCore
import Testing
@testable import RoleLayerReport

struct PhraseTests {
    /// Waves are said with one decimal, as the tables print lags, with singular and plural.
    @Test func waves() {
        #expect(Phrase.waves(2.2) == "about 2.2 waves")
        #expect(Phrase.waves(1.04) == "about 1 wave")
        #expect(Phrase.waves(1.65) == "about 1.7 waves")
        #expect(Phrase.waves(0.5) == "about 0.5 waves")
        #expect(Phrase.waves(0.04) == "less than a tenth of a wave")
        #expect(Phrase.waves(6.6) == "about 6.6 waves")
    }

    /// Points keep one decimal below 10 and none above; stage steps are counted with the step.
    @Test func pointsAndSteps() {
        #expect(Phrase.points(3.04) == "3.0 points")
        #expect(Phrase.points(-12.6) == "12.6 points")
        #expect(Phrase.points(1.04) == "1.0 point")
        #expect(Phrase.waveCount(3) == "3" && Phrase.waveCount(2.5) == "2.5")
        #expect(Phrase.stageSteps(26.5, step: 100.0 / 12) == "3.2 stage steps")
        #expect(Phrase.stageSteps(100.0 / 12, step: 100.0 / 12) == "1.0 stage step")
        #expect(Phrase.stageSteps(5, step: 100.0 / 12) == "less than one stage step")
    }

    /// Lists join with commas and a final "and".
    @Test func lists() {
        #expect(Phrase.list([]) == "")
        #expect(Phrase.list(["CEO"]) == "CEO")
        #expect(Phrase.list(["CEO", "CMO"]) == "CEO and CMO")
        #expect(Phrase.list(["CEO", "CFO", "CMO"]) == "CEO, CFO and CMO")
        #expect(Phrase.percent(0.001) == "under 1%")
    }

    /// Roles of the default instrument have acronyms as short names; unknown codes show as they are.
    @Test func roleNames() {
        let names = RoleNames(instrument: .default)
        #expect(names.short(.cto) == "CTO")
        #expect(names.short(.cdao) == "CDAO")
        #expect(names.full(.cto) == "Chief Technology Officer")
        #expect(names.short(Role("head_of_ai")) == "head_of_ai")
        #expect(names.blocker(.capitalEvidence) == "Insufficient evidence for capital commitment")
        #expect(names.stage(3) == "Piloting")
        #expect(names.stages.count == 7)
    }
}
