using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>
/// A real browser: headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>, which <c>.ci/run</c>
/// installs) signs in as each seeded user and reads the projects page. Skipped, with the reason, only where
/// neither is installed.
/// </summary>
[TestFixture]
public sealed class SampleBrowserTests
{
    private static readonly string? Chromium = FindOnPath("chromium");
    private static readonly string? ChromeDriver = FindOnPath("chromedriver");

    private SampleApp _app = null!;
    private ChromeDriver _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (Chromium is null || ChromeDriver is null)
        {
            Assert.Ignore("No chromium or chromedriver on PATH: install Debian's chromium and chromium-driver, as .ci/run does.");
        }

        _app = await SampleApp.StartAsync("sample_browser", onKestrel: true);
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [TestCase("turkiye_user", 1L)]
    [TestCase("usa_user", 2L)]
    public async Task A_user_signs_in_and_the_projects_page_lists_only_their_accounts_projects(string userName, long account)
    {
        var own = await NamesAsync("account_id = @a", account);
        var foreign = await NamesAsync("account_id <> @a", account);

        _browser.Navigate().GoToUrl(new Uri(_app.BaseAddress, "/"));
        Assert.That(new Uri(_browser.Url).AbsolutePath, Is.EqualTo("/signin"), "an anonymous visitor is sent to sign in");
        _browser.FindElement(By.Id("userName")).SendKeys(userName);
        _browser.FindElement(By.Id("password")).SendKeys(SampleApp.Password);
        _browser.FindElement(By.Id("signIn")).Click();
        new WebDriverWait(_browser, TimeSpan.FromSeconds(30)).Until(driver => driver.FindElements(By.Id("projects")).Count == 1);

        var shown = _browser.FindElements(By.CssSelector("#projects li.project > span.name")).Select(e => e.Text).ToList();
        var page = _browser.FindElement(By.TagName("body")).Text;
        Assert.That(_browser.FindElement(By.Id("user")).Text, Is.EqualTo(userName));
        Assert.That(shown, Is.EquivalentTo(own.Projects));
        Assert.That(own.Tasks, Is.All.Matches<string>(page.Contains));
        Assert.That(foreign.Projects.Concat(foreign.Tasks), Is.All.Matches<string>(name => !page.Contains(name, StringComparison.Ordinal)));

        _browser.FindElement(By.Id("signOut")).Click();
        new WebDriverWait(_browser, TimeSpan.FromSeconds(30)).Until(driver => new Uri(driver.Url).AbsolutePath == "/signin");
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private async Task<(string[] Projects, string[] Tasks)> NamesAsync(string condition, long account) =>
        (await PostgresSetUp.ScalarAsync<string[]>(_app.ConnectionString, $"SELECT array_agg(name ORDER BY id) FROM projects WHERE {condition}", ("a", account)),
         await PostgresSetUp.ScalarAsync<string[]>(_app.ConnectionString, $"SELECT array_agg(name ORDER BY id) FROM tasks WHERE {condition}", ("a", account)));
}
