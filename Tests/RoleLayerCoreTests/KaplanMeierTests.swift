import Testing
@testable import RoleLayerCore

/// Kaplan-Meier: published examples, R `survival` values, and hand cases.
struct KaplanMeierTests {
    /// Freireich et al. (1963) 6-MP arm, weeks of remission; `false` = censored.
    static let sixMP: (times: [Double], events: [Bool]) = (
        [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35],
        [true, true, true, false, true, false, true, false, false, true, true, false, false, false, true, true,
         false, false, false, false, false])

    /// R `survival::aml`, "Maintained" arm (Miller 1981), weeks.
    static let amlMaintained: (times: [Double], events: [Bool]) = (
        [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
        [true, true, false, true, true, false, true, true, false, true, false])

    /// Freireich 6-MP [pub]: S(t) at the event times to 3 decimals and Greenwood SEs to 4 decimals
    /// (Kleinbaum & Klein 2012, *Survival Analysis*, 3rd ed., ch. 2; Klein & Moeschberger 2003,
    /// *Survival Analysis*, Table 4.1A), median 23 weeks.
    @Test func freireichPublished() throws {
        let steps = try KaplanMeier.estimate(times: Self.sixMP.times, events: Self.sixMP.events)
        let eventSteps = steps.filter { $0.events > 0 }
        #expect(eventSteps.map(\.time) == [6, 7, 10, 13, 16, 22, 23])
        #expect(eventSteps.map(\.atRisk) == [21, 17, 15, 12, 11, 7, 6])
        expectClose(eventSteps.map(\.survival), [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448], 0.0005)
        expectClose(eventSteps.map { $0.standardError! }, [0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346], 0.00005)
        #expect(KaplanMeier.medianTime(steps).estimate == 23)
    }

    /// Freireich 6-MP [calc]: bands and median limits equal R `survival` 3.5-3 `survfit` for all three
    /// `conf.type`s, to 1e-9.
    @Test func freireichMatchesR() throws {
        let ll = try KaplanMeier.estimate(times: Self.sixMP.times, events: Self.sixMP.events).filter { $0.events > 0 }
        expectClose(ll.map { $0.lower! }, [0.6197179553, 0.5631465646, 0.5031995108, 0.4316102225, 0.3675108560, 0.2677789368, 0.1880520060], 1e-9)
        expectClose(ll.map { $0.upper! }, [0.9515517476, 0.9228090192, 0.8893618352, 0.8490659633, 0.8049121895, 0.7467907176, 0.6801426285], 1e-9)
        let log = try KaplanMeier.estimate(times: Self.sixMP.times, events: Self.sixMP.events, transform: .log).filter { $0.events > 0 }
        expectClose(log.map { $0.lower! }, [0.7198170839, 0.6531242185, 0.5859189820, 0.5096130991, 0.4393939250, 0.3370366162, 0.2487882268], 1e-9)
        expectClose(log.map { $0.upper! }, [1, 0.9964436759, 0.9675747546, 0.9347691955, 0.8959949385, 0.8582008480, 0.8073720455], 1e-9)
        let plain = try KaplanMeier.estimate(times: Self.sixMP.times, events: Self.sixMP.events, transform: .plain).filter { $0.events > 0 }
        expectClose(plain.map { $0.lower! }, [0.7074793118, 0.6363326611, 0.5640993267, 0.4808430982, 0.4039095122, 0.2864815911, 0.1843848638], 1e-9)
        expectClose(plain.map { $0.upper! }, [1, 0.9771127170, 0.9417830263, 0.8995490587, 0.8509924486, 0.7891486610, 0.7119736796], 1e-9)
        // R: quantile(fit, 0.5): 23 [13, NA] log-log; 23 [16, NA] log; 23 [13, NA] plain.
        #expect(try KaplanMeier.medianTime(times: Self.sixMP.times, events: Self.sixMP.events)
                == KaplanMeier.Median(estimate: 23, lower: 13, upper: nil))
        #expect(try KaplanMeier.medianTime(times: Self.sixMP.times, events: Self.sixMP.events, transform: .log)
                == KaplanMeier.Median(estimate: 23, lower: 16, upper: nil))
    }

    /// R `aml`, Maintained arm [pub]: R's printed `survfit` summary, median 31, 0.95 LCL 18, UCL NA
    /// (default `conf.type = "log"`); steps at every distinct time with risk sets, events first.
    @Test func amlMaintained() throws {
        let steps = try KaplanMeier.estimate(times: Self.amlMaintained.times, events: Self.amlMaintained.events, transform: .log)
        #expect(steps.map(\.time) == [9, 13, 18, 23, 28, 31, 34, 45, 48, 161])
        #expect(steps.map(\.atRisk) == [11, 10, 8, 7, 6, 5, 4, 3, 2, 1])
        #expect(steps.map(\.events) == [1, 1, 1, 1, 0, 1, 1, 0, 1, 0])
        #expect(steps.map(\.censored) == [0, 1, 0, 0, 1, 0, 0, 1, 0, 1])
        expectClose(steps.map(\.survival), [0.9090909091, 0.8181818182, 0.7159090909, 0.6136363636, 0.6136363636,
                                            0.4909090909, 0.3681818182, 0.3681818182, 0.1840909091, 0.1840909091], 1e-9)
        #expect(KaplanMeier.medianTime(steps) == KaplanMeier.Median(estimate: 31, lower: 18, upper: nil))
        // Log-log [calc] (R): median 31 [13, NA]; plain: 31 [18, 48].
        #expect(try KaplanMeier.medianTime(times: Self.amlMaintained.times, events: Self.amlMaintained.events)
                == KaplanMeier.Median(estimate: 31, lower: 13, upper: nil))
        #expect(try KaplanMeier.medianTime(times: Self.amlMaintained.times, events: Self.amlMaintained.events, transform: .plain)
                == KaplanMeier.Median(estimate: 31, lower: 18, upper: 48))
    }

    /// No events (all censored): the curve stays at 1, the log-log band is undefined, no median.
    @Test func allCensored() throws {
        let steps = try KaplanMeier.estimate(times: [5, 5, 5, 7], events: [false, false, false, false])
        #expect(steps.map(\.survival) == [1, 1])
        #expect(steps.map(\.atRisk) == [4, 1])
        #expect(steps.map(\.censored) == [3, 1])
        #expect(steps.allSatisfy { $0.lower == nil && $0.upper == nil && $0.standardError == 0 })
        #expect(KaplanMeier.medianTime(steps) == KaplanMeier.Median(estimate: nil, lower: nil, upper: nil))
        let plain = try KaplanMeier.estimate(times: [5, 7], events: [false, false], transform: .plain)
        #expect(plain.allSatisfy { $0.lower == 1 && $0.upper == 1 })
    }

    /// Events and censorings at the same time: events first, so the censored subject is still at risk.
    @Test func tiesEventsFirst() throws {
        // R: times 1, 2, 2, 3 with events 0, 1, 0, 1 -> at 2: n = 3, S = 2/3; at 3: n = 1, S = 0.
        let steps = try KaplanMeier.estimate(times: [1, 2, 2, 3], events: [false, true, false, true])
        #expect(steps.map(\.atRisk) == [4, 3, 1])
        #expect(steps.map(\.events) == [0, 1, 1] && steps.map(\.censored) == [1, 1, 0])
        #expect(abs(steps[1].survival - 2.0 / 3) < 1e-15 && steps[2].survival == 0)
        #expect(abs(steps[1].lower! - 0.05407342679) < 1e-9 && abs(steps[1].upper! - 0.9452063873) < 1e-9)
        #expect(steps[2].lower == nil && steps[2].upper == nil && steps[2].standardError == nil)
        #expect(KaplanMeier.medianTime(steps) == KaplanMeier.Median(estimate: 3, lower: 2, upper: nil))
    }

    /// The curve equal to 0.5 over a stretch: the median is its midpoint (R), also when it never drops below.
    @Test func flatAtOneHalf() throws {
        // S: 0.75, 0.5, 0.5, 0 -> median (2 + 4) / 2 = 3; R: 3 [1, NA].
        let a = try KaplanMeier.medianTime(times: [1, 2, 3, 4], events: [true, true, false, true])
        #expect(a == KaplanMeier.Median(estimate: 3, lower: 1, upper: nil))
        // S: 5/6, 4/6, 0.5 then censored to 6 -> median (3 + 6) / 2 = 4.5; R: 4.5 [1, NA].
        let b = try KaplanMeier.medianTime(times: [1, 2, 3, 4, 5, 6], events: [true, true, true, false, false, false])
        #expect(b == KaplanMeier.Median(estimate: 4.5, lower: 1, upper: nil))
        // Three of four events at once: S = 0.25 at 2; R: 2 [2, NA].
        let c = try KaplanMeier.medianTime(times: [2, 2, 2, 4], events: [true, true, true, true])
        #expect(c == KaplanMeier.Median(estimate: 2, lower: 2, upper: nil))
    }

    /// A single subject, and input order does not matter.
    @Test func singleSubjectAndOrder() throws {
        let one = try KaplanMeier.estimate(times: [3], events: [true])
        #expect(one.count == 1 && one[0].survival == 0 && one[0].atRisk == 1)
        var g = RandomGenerator(seed: 4)
        var idx = Array(Self.sixMP.times.indices)
        g.shuffle(&idx)
        let shuffled = try KaplanMeier.estimate(times: idx.map { Self.sixMP.times[$0] }, events: idx.map { Self.sixMP.events[$0] })
        #expect(shuffled == (try KaplanMeier.estimate(times: Self.sixMP.times, events: Self.sixMP.events)))
    }

    /// Invalid input throws: no subjects, mismatched counts, NaN time, level outside (0, 1).
    @Test func invalidInput() {
        #expect(throws: StatisticError.noData) { try KaplanMeier.estimate(times: [], events: []) }
        #expect(throws: StatisticError.self) { try KaplanMeier.estimate(times: [1], events: []) }
        #expect(throws: StatisticError.nonFinite) { try KaplanMeier.estimate(times: [.nan], events: [true]) }
        #expect(throws: StatisticError.self) { try KaplanMeier.estimate(times: [1], events: [true], level: 1) }
        #expect(KaplanMeier.medianTime([]) == KaplanMeier.Median(estimate: nil, lower: nil, upper: nil))
    }
}
