using FeedProcessor.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The alert rules (infra/app/alerts.bicep) count log lines, so none may be sampled away (a few lines per article
// and per poll are cheap); and the SDK's default filter, which keeps only warnings, goes (the worker's own minimum
// level, Information, applies): the alerts also count information lines, such as each normalized article.
builder.Services
    .AddApplicationInsightsTelemetryWorkerService(options => options.EnableAdaptiveSampling = false)
    .ConfigureFunctionsApplicationInsights();
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
{
    var warningsOnly = options.Rules.FirstOrDefault(rule =>
        rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
    if (warningsOnly is not null) options.Rules.Remove(warningsOnly);
});
builder.Services.AddFeedProcessor(builder.Configuration);

builder.Build().Run();
