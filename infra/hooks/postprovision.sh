#!/bin/sh
# azd postprovision hook: lets the web app's managed identity into the database.
# Bicep cannot run T-SQL, so the user for the identity is created here with go-sqlcmd, signed in as the
# deploying principal (the server's Entra admin). Without go-sqlcmd it prints the statement to run by hand.
set -eu

if [ -z "${SERVICE_WEB_NAME:-}" ] && command -v azd >/dev/null 2>&1; then
  # Run by hand rather than by azd: read the outputs of the last provision.
  eval "$(azd env get-values)"
fi
: "${SERVICE_WEB_NAME:?not set: run azd provision first}"
: "${AZURE_SQL_SERVER_FQDN:?not set: run azd provision first}"
: "${AZURE_SQL_DATABASE_NAME:?not set: run azd provision first}"

user=$(printf '%s' "$SERVICE_WEB_NAME" | sed "s/]/]]/g")
name=$(printf '%s' "$SERVICE_WEB_NAME" | sed "s/'/''/g")
# Read/write plus DDL: the app applies its EF Core migrations and Hangfire creates its schema at start-up.
sql="IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'$name')
    CREATE USER [$user] FROM EXTERNAL PROVIDER;
ALTER ROLE db_datareader ADD MEMBER [$user];
ALTER ROLE db_datawriter ADD MEMBER [$user];
ALTER ROLE db_ddladmin ADD MEMBER [$user];"

print_manual_step() {
  cat <<MANUAL
Run this in database '$AZURE_SQL_DATABASE_NAME' on '$AZURE_SQL_SERVER_FQDN', signed in as its Entra admin
(Azure portal query editor, SSMS, Azure Data Studio or go-sqlcmd), then restart the web app:

$sql

MANUAL
}

# Only go-sqlcmd signs in with Entra credentials this way; the older ODBC sqlcmd lacks the option.
if ! command -v sqlcmd >/dev/null 2>&1 || ! sqlcmd --help 2>&1 | grep -q -- '--authentication-method'; then
  echo "go-sqlcmd not found: the database user for the web app's managed identity was NOT created."
  print_manual_step
  exit 0
fi

echo "Creating database user [$SERVICE_WEB_NAME] in $AZURE_SQL_DATABASE_NAME ..."
# -S server, -d database, -b stop on the first error, -Q run the query and exit.
if sqlcmd -S "tcp:$AZURE_SQL_SERVER_FQDN,1433" -d "$AZURE_SQL_DATABASE_NAME" \
    --authentication-method ActiveDirectoryDefault -b -Q "$sql"; then
  echo "Database user ready."
else
  echo "sqlcmd failed. A firewall refusal means this machine's IP is not allowed:"
  echo "  azd env set SQL_CLIENT_IP_ADDRESS <your public IP> && azd provision"
  print_manual_step
  exit 1
fi
