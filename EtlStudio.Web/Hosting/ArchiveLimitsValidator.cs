using EtlStudio.Engine.Sources.Archives;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

/// <summary>Checks section <c>Archives</c> (the zip-bomb guard of compressed source files) at start.</summary>
internal sealed class ArchiveLimitsValidator : IValidateOptions<ArchiveLimits>
{
    public const string Section = "Archives";

    public ValidateOptionsResult Validate(string? name, ArchiveLimits options)
    {
        var problems = new List<string>();
        if (!(options.MaxExpansionRatio >= 1)) problems.Add($"{Section}:{nameof(options.MaxExpansionRatio)} must be at least 1 (is {options.MaxExpansionRatio}).");
        if (options.RatioFreeBytes < 0) problems.Add($"{Section}:{nameof(options.RatioFreeBytes)} must be 0 or more (is {options.RatioFreeBytes}).");
        if (options.MaxUncompressedBytes < 1) problems.Add($"{Section}:{nameof(options.MaxUncompressedBytes)} must be at least 1 (is {options.MaxUncompressedBytes}).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
