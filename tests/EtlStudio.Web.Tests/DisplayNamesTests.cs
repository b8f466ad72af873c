using System.Text.RegularExpressions;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Components.Controls;

namespace EtlStudio.Web.Tests;

public sealed partial class DisplayNamesTests
{
    [Fact]
    public void Every_kind_format_mode_status_and_trigger_has_words_of_its_own_unless_its_name_is_a_plain_word()
    {
        var names = Enum.GetValues<ConnectionKind>().Select(v => (v.ToString(), DisplayNames.Of(v)))
            .Concat(Enum.GetValues<ParseFormat>().Select(v => (v.ToString(), DisplayNames.Of(v))))
            .Concat(Enum.GetValues<LoadMode>().Select(v => (v.ToString(), DisplayNames.Of(v))))
            .Concat(Enum.GetValues<RunStatus>().Select(v => (v.ToString(), DisplayNames.Of(v))))
            .Concat(Enum.GetValues<RunTrigger>().Select(v => (v.ToString(), DisplayNames.Of(v))));

        var leaked = names.Where(n => n.Item1 == n.Item2 && !PlainWord().IsMatch(n.Item1)).Select(n => n.Item1).ToList();

        Assert.Empty(leaked);
    }

    [Theory]
    [InlineData(ConnectionKind.LocalFolder, "Local folder")]
    [InlineData(ConnectionKind.PostgreSql, "PostgreSQL")]
    [InlineData(ConnectionKind.Sqlite, "SQLite")]
    public void Connection_kinds_read_as_the_editor_names_them(ConnectionKind kind, string expected) =>
        Assert.Equal(expected, DisplayNames.Of(kind));

    [GeneratedRegex("^[A-Z][a-z]+$")]
    private static partial Regex PlainWord();
}
