import Foundation
import Testing

/// `rolelayer demo` and `rolelayer report`: the whole pipeline on a simulated cohort.
@Suite(.serialized)
struct DemoCommandTests {
    static let arguments = ["--organisations", "60", "--waves", "3", "--bootstrap", "40", "--seed", "7"]

    /// The demo writes the panel, the store, results.json, the tidy tables and report.html, and prints the summary and the report's path.
    @Test func demoWritesEveryOutput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let run = try CLI.run(["demo", "--out", "demo"] + Self.arguments, in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["panel.csv", "panel.csv", "rolelayer.sqlite", "results.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("demo/\(name)")), "\(name) missing")
        }
        let tables = try FileManager.default.contentsOfDirectory(atPath: dir.path("demo/tables"))
        #expect(tables.contains("role_shift_index.csv"))
        #expect(tables.count >= 10)
        #expect(run.stdout.contains("Role Shift Index"))
        #expect(run.stdout.contains("report: demo/report.html"))
        let html = try String(contentsOfFile: dir.path("demo/report.html"), encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://"), "the report must make no network request")
        #expect(html.contains("<section"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("demo/results.json")))) as? [String: Any]
        #expect((json?["seed"] as? Int) == 7)
        #expect(((json?["settings"] as? [String: Any])?["bootstrap"] as? Int) == 40)
    }

    /// The same seed gives byte-identical results.json and report.html; running again over the same directory is safe.
    @Test func demoIsDeterministic() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let a = try CLI.run(["demo", "--out", "a"] + Self.arguments, in: dir.url)
        let b = try CLI.run(["demo", "--out", "b"] + Self.arguments, in: dir.url)
        let again = try CLI.run(["demo", "--out", "a"] + Self.arguments, in: dir.url)
        #expect(a.status == 0 && b.status == 0 && again.status == 0)
        for name in ["results.json", "report.html", "panel.csv", "tables/role_shift_index.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: dir.path("a/\(name)")))
            let y = try Data(contentsOf: URL(fileURLWithPath: dir.path("b/\(name)")))
            #expect(x == y, "\(name) differs between two runs with the same seed")
        }
    }

    /// `rolelayer report` renders the demo's store into an HTML file.
    @Test func reportFromStore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = try CLI.run(["demo", "--out", "demo"] + Self.arguments, in: dir.url)
        let run = try CLI.run(["report", "--db", "demo/rolelayer.sqlite", "--bootstrap", "20", "--out", "r.html", "--title", "Test cohort"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        #expect(html.contains("Test cohort"))
        let none = try CLI.run(["report", "--db", "missing.sqlite"], in: dir.url)
        #expect(none.status == 2)
    }

    /// The demo report opens in headless Chromium at laptop and phone width without console messages; screenshots are saved (skipped without Debian chromium).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "Debian chromium not installed"))
    func demoReportRendersInChromium() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let demo = try CLI.run(["demo", "--out", "demo"] + Self.arguments, in: dir.url)
        #expect(demo.status == 0)
        let keep = ProcessInfo.processInfo.environment["ROLELAYER_SCREENSHOT_DIR"]
        for (width, height) in [(1280, 20000), (390, 24000)] {
            let png = URL(fileURLWithPath: keep ?? dir.path(".")).appendingPathComponent("demo-report-\(width).png")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = ["120", "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                 "--enable-logging=stderr", "--v=0", "--window-size=\(width),\(height)",
                                 "--screenshot=\(png.path)", URL(fileURLWithPath: dir.path("demo/report.html")).absoluteString]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = pipe
            try process.run()
            let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "chromium: \(log.suffix(1000))")
            #expect(!log.contains("CONSOLE"), "console messages: \(log)")
            let size = (try? Data(contentsOf: png))?.count ?? 0
            #expect(size > 20_000, "a blank screenshot compresses to almost nothing")
        }
    }
}
