using System.Text.RegularExpressions;

namespace EtlStudio.Deployment.Tests;

public sealed partial class SqlTemplateTests(MainTemplate main)
{
    [Fact]
    public void Sql_server_admits_only_Entra_principals_with_the_deployer_as_admin()
    {
        var server = main.Compiled.Single("Microsoft.Sql/servers");
        var admins = server["properties"]!["administrators"]!;

        Assert.True((bool?)admins["azureADOnlyAuthentication"]);
        Assert.Equal("ActiveDirectory", (string?)admins["administratorType"]);
        Assert.Equal("[parameters('adminObjectId')]", (string?)admins["sid"]);
        Assert.Equal("[parameters('principalId')]", (string?)main.Compiled.ModuleParameter("sql", "adminObjectId"));
        Assert.Null(server["properties"]!["administratorLogin"]);
    }

    [Fact]
    public void No_sql_password_appears_anywhere_in_the_template()
    {
        Assert.DoesNotContain("administratorLoginPassword", main.Compiled.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(PasswordWord().Matches(main.Compiled.Text).Select(m => m.Value));
    }

    [Fact]
    public void Database_defaults_to_serverless_with_auto_pause()
    {
        var parameters = main.Compiled.Root["parameters"]!;
        var database = main.Compiled.Single("Microsoft.Sql/servers/databases");

        Assert.Equal("GP_S_Gen5_1", (string?)parameters["sqlDatabaseSku"]!["defaultValue"]);
        Assert.Equal(60, (int?)parameters["sqlAutoPauseDelayMinutes"]!["defaultValue"]);
        Assert.Equal("[if(variables('serverless'), parameters('autoPauseDelayMinutes'), null())]",
            (string?)database["properties"]!["autoPauseDelay"]);
        Assert.Equal("[startsWith(parameters('databaseSku'), 'GP_S_')]",
            (string?)main.Compiled.Module("sql")["properties"]!["template"]!["variables"]!["serverless"]);
    }

    [Fact]
    public void Firewall_lets_Azure_services_in()
    {
        var rule = main.Compiled.ResourcesOfType("Microsoft.Sql/servers/firewallRules")
            .Single(r => ((string?)r["name"])!.EndsWith("AllowAllWindowsAzureIps')]", StringComparison.Ordinal));

        Assert.Equal("0.0.0.0", (string?)rule["properties"]!["startIpAddress"]);
        Assert.Equal("0.0.0.0", (string?)rule["properties"]!["endIpAddress"]);
    }

    // "password" as a word in a property, parameter or value; "Passwords" in prose descriptions is allowed.
    [GeneratedRegex(@"(?i)""[^""]*password""\s*:|password\s*=")]
    private static partial Regex PasswordWord();
}
