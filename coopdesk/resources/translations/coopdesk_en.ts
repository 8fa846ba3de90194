<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="sv_SE">
<context>
    <name></name>
    <message>
        <source>Importera</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>coopdesk-fil (*.json *%1)</source>
        <translation>coopdesk file (*.json *%1)</translation>
    </message>
    <message>
        <source>Exportera hela databasen</source>
        <translation>Export the whole database</translation>
    </message>
    <message>
        <source>Exporten innehåller känsliga personuppgifter om alla medlemmar: personnummer, beslut och närvaro.</source>
        <translation>The export holds sensitive personal data about every member: personal numbers, placements and attendance.</translation>
    </message>
    <message>
        <source>En okrypterad fil kan läsas av alla som kommer åt den. Kryptera exporten med ett lösenord (rekommenderas), eller spara den okrypterad och förvara den som en journal. Exporten skrivs i händelseloggen.</source>
        <translation>An unencrypted file can be read by anyone who can reach it. Encrypt the export with a passphrase (recommended), or save it unencrypted and keep it as you would a case file. The export is written to the audit log.</translation>
    </message>
    <message>
        <source>Kryptera med lösenord…</source>
        <translation>Encrypt with a passphrase…</translation>
    </message>
    <message>
        <source>Spara okrypterad…</source>
        <translation>Save unencrypted…</translation>
    </message>
    <message>
        <source>krypterad coopdesk-export</source>
        <translation>encrypted coopdesk export</translation>
    </message>
    <message>
        <source>coopdesk-fil</source>
        <translation>coopdesk file</translation>
    </message>
    <message>
        <source>Importerade %1.</source>
        <translation>Imported %1.</translation>
    </message>
    <message>
        <source>Importerar…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Exporterade databasen krypterad till %1.</source>
        <translation>Exported the database, encrypted, to %1.</translation>
    </message>
    <message>
        <source>Exporterade databasen till %1. Filen är okrypterad: förvara den säkert.</source>
        <translation>Exported the database to %1. The file is unencrypted: keep it safe.</translation>
    </message>
    <message>
        <source>Exportera</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Exporterar…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Planerad tid: %1 tim (exakt)</source>
        <translation>Planned hours: %1 h (exact)</translation>
    </message>
    <message>
        <source>Flera ändringar</source>
        <extracomment>One day to change: (member id, name, date, new state, the version the view showed or None).</extracomment>
        <translation>Several changes</translation>
    </message>
</context>
<context>
    <name>AddEmployeeDialog</name>
    <message>
        <source>Ny anställd</source>
        <translation>New employee</translation>
    </message>
    <message>
        <source>ÅÅÅÅMMDD-NNNN</source>
        <translation>YYYYMMDD-NNNN</translation>
    </message>
    <message>
        <source>&amp;Till och med</source>
        <translation>&amp;End date</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Personnummer</source>
        <translation>Personal &amp;identity number</translation>
    </message>
    <message>
        <source>Anställd &amp;från</source>
        <translation>Employed &amp;from</translation>
    </message>
    <message>
        <source>&amp;Sysselsättningsgrad</source>
        <translation>E&amp;mployment percentage</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>administratör</source>
        <extracomment>Per (member id, day): the register command whose change the record shows (ui/undo.py). kinds: &quot;attendance&quot;, &quot;members&quot;, &quot;supervisors&quot;, &quot;districts&quot;, &quot;settings&quot;, &quot;locks&quot;, &quot;all&quot;; &quot;attendance_day&quot; follows ``day_changed`` (one member&apos;s day), which views can apply to one row. The logged-in account (coopdesk.access): for changing the own password and unlocking. The one database worker: every command and query runs there (ui/tasks.py). The main window, once there is one: it shows conflicts no view on the way shows (undo, say).</extracomment>
        <translation>administrator</translation>
    </message>
    <message>
        <source>handledare</source>
        <translation>supervisor</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Händelselogg</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Namn eller personnummer</source>
        <translation>Name or personal identity number</translation>
    </message>
    <message>
        <source>Alla användare</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>Alla händelser</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>&amp;Medlem:</source>
        <translation>&amp;Member:</translation>
    </message>
    <message>
        <source>An&amp;vändare:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Händelse:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Från:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Till:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>%1 händelser</source>
        <extracomment>where the workbook goes (replaced in tests)</extracomment>
        <translation>%1 entries</translation>
    </message>
    <message>
        <source>Välj en händelse för att se vad som ändrades.</source>
        <translation>Choose an entry to see what changed.</translation>
    </message>
    <message>
        <source>Exportera till E&amp;xcel…</source>
        <translation>Export to E&amp;xcel…</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>Säkerhetskopierar…</source>
        <extracomment>Seconds closing may take up to the end of its backup; a larger database&apos;s backup is left for the next start. With what follows (saving the window&apos;s state, closing the database, the interpreter&apos;s exit: about 0.15 s) this keeps closing under a second.</extracomment>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Kontrollerar databasen…</source>
        <translation>Checking the database…</translation>
    </message>
    <message>
        <source>Databasen är skadad och kan ha förlorat uppgifter.

%1

Vill du återställa den senaste hela säkerhetskopian från %2? Den skadade databasen sparas först.</source>
        <translation>The database is damaged and may have lost data.

%1

Do you want to restore the newest sound backup, from %2? The damaged database is saved first.</translation>
    </message>
    <message>
        <source>Databasen är skadad</source>
        <translation>The database is damaged</translation>
    </message>
</context>
<context>
    <name>CapacityDialog</name>
    <message>
        <source>Ny omfattning</source>
        <translation>New capacity</translation>
    </message>
    <message>
        <source>Kooperativet har inte öppet den här dagen.</source>
        <translation>The cooperative is not open on this day.</translation>
    </message>
    <message>
        <source>&amp;Från</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Omfattning</source>
        <translation>&amp;Capacity</translation>
    </message>
    <message>
        <source>Planerade veckodagar</source>
        <translation>Planned weekdays</translation>
    </message>
    <message>
        <source>Tidigare omfattning sparas som historik.</source>
        <translation>The previous capacity is kept as history.</translation>
    </message>
</context>
<context>
    <name>ChangeDialog</name>
    <message>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Byt lösenord</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Du loggade in med ett tillfälligt lösenord. Välj ett eget lösenord innan du fortsätter.</source>
        <translation>You logged in with a temporary password. Choose your own password before you continue.</translation>
    </message>
    <message>
        <source>A&amp;vsluta</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Nuvarande lösenord</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>N&amp;ytt lösenord</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>Nya lösenordet &amp;igen</source>
        <translation>New password &amp;again</translation>
    </message>
</context>
<context>
    <name>ClosureDayDialog</name>
    <message>
        <source>Ny stängningsdag</source>
        <translation>New closure day</translation>
    </message>
    <message>
        <source>&amp;Datum</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>Ingen är planerad en stängningsdag.</source>
        <translation>No one is planned on a closure day.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>ÅÅÅÅ-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Skriv datumet, t.ex. 2027-01-15 eller 15/1 2027. Upp/Ned ändrar, Alt+Ned öppnar kalendern.</source>
        <translation>Type the date, e.g. 2027-01-15 or 15/1 2027. Up/Down change it, Alt+Down opens the calendar.</translation>
    </message>
    <message>
        <source>Välj i kalendern (Alt+Ned)</source>
        <translation>Choose in the calendar (Alt+Down)</translation>
    </message>
    <message>
        <source>»%1« är inget datum. Datumet är fortfarande %2. Skriv t.ex. 2027-01-15 eller 15/1 2027.</source>
        <translation>“%1” is not a date. The date is still %2. Type e.g. 2027-01-15 or 15/1 2027.</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Nytt beslut om lönebidrag</source>
        <translation>New wage subsidy decision</translation>
    </message>
    <message>
        <source>lönebidrag för utveckling i anställning</source>
        <translation>wage subsidy for development in employment</translation>
    </message>
    <message>
        <source>lönekostnadstak per månad vid heltid, kr</source>
        <translation>wage cost ceiling per month at full time, SEK</translation>
    </message>
    <message>
        <source>&amp;Diarienummer</source>
        <translation>&amp;Reference</translation>
    </message>
    <message>
        <source>S&amp;tödform</source>
        <translation>&amp;Kind of subsidy</translation>
    </message>
    <message>
        <source>&amp;Från och med</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>T&amp;ill och med</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>Lönekostnads&amp;tak (heltid)</source>
        <translation>&amp;Ceiling (full time)</translation>
    </message>
    <message>
        <source>&amp;Bidragsnivå från start</source>
        <translation>&amp;Subsidy level from the start</translation>
    </message>
</context>
<context>
    <name>DeviationDialog</name>
    <message>
        <source>Ny avvikelse</source>
        <translation>New deviation</translation>
    </message>
    <message>
        <source>Ändra avvikelse</source>
        <translation>Change deviation</translation>
    </message>
    <message>
        <source>Hela kooperativet</source>
        <translation>The whole cooperative</translation>
    </message>
    <message>
        <source>ÅÅÅÅ-MM-DD (administratör)</source>
        <translation>YYYY-MM-DD (administrator)</translation>
    </message>
    <message>
        <source>&amp;Gäller</source>
        <translation>&amp;Concerns</translation>
    </message>
    <message>
        <source>&amp;Rapporterad</source>
        <translation>&amp;Reported</translation>
    </message>
    <message>
        <source>Rapporterad &amp;av</source>
        <translation>Reported &amp;by</translation>
    </message>
    <message>
        <source>&amp;Kategori</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>&amp;Beskrivning</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>Å&amp;tgärder</source>
        <translation>&amp;Measures</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>Anmäld till &amp;IVO</source>
        <translation>Reported to &amp;IVO</translation>
    </message>
</context>
<context>
    <name>DeviationsModel</name>
    <message>
        <source>Rapporterad</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>IVO senast</source>
        <translation>IVO by</translation>
    </message>
    <message>
        <source>Gäller</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <source>Beskrivning</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>skickad %1</source>
        <translation>sent %1</translation>
    </message>
    <message>
        <source>Hela kooperativet</source>
        <translation>The whole cooperative</translation>
    </message>
</context>
<context>
    <name>DeviationsView</name>
    <message>
        <source>Bara &amp;öppna</source>
        <translation>&amp;Open only</translation>
    </message>
    <message>
        <source>&amp;Ny avvikelse…</source>
        <translation>&amp;New deviation…</translation>
    </message>
    <message>
        <source>Avvikelser och klagomål</source>
        <translation>Deviations and complaints</translation>
    </message>
    <message>
        <source>%1 lex Sarah-ärenden ska anmälas till IVO, det första senast %2.</source>
        <translation>%1 lex Sarah cases are to be reported to IVO, the first by %2.</translation>
    </message>
</context>
<context>
    <name>DistrictDialog</name>
    <message>
        <source>Ny beställare</source>
        <translation>New district</translation>
    </message>
    <message>
        <source>Ändra beställare</source>
        <translation>Edit district</translation>
    </message>
    <message>
        <source>Enhet, handläggare, telefon</source>
        <translation>Unit, case worker, phone</translation>
    </message>
    <message>
        <source>&amp;Visa fullständigt personnummer i redovisningen</source>
        <translation>Show &amp;full personal identity number in the statement</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Typ</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Kontakt</source>
        <translation>&amp;Contact</translation>
    </message>
</context>
<context>
    <name>DistrictsView</name>
    <message>
        <source>&amp;Ny beställare…</source>
        <extracomment>Asked before a tariff is removed; tests replace it (a QMessageBox would block them).</extracomment>
        <translation>&amp;New district…</translation>
    </message>
    <message>
        <source>Än&amp;dra…</source>
        <translation>E&amp;dit…</translation>
    </message>
    <message>
        <source>Fa&amp;kturering…</source>
        <translation>In&amp;voicing…</translation>
    </message>
    <message>
        <source>Beställarens uppgifter för e-faktura: Peppol-id, referenskod, adress</source>
        <translation>The district&apos;s details for e-invoices: Peppol id, buyer reference, address</translation>
    </message>
    <message>
        <source>Ny er&amp;sättning…</source>
        <translation>New &amp;tariff…</translation>
    </message>
    <message>
        <source>&amp;Ta bort ersättning</source>
        <translation>&amp;Remove tariff</translation>
    </message>
    <message>
        <source>Ta bort den markerade ersättningen (Delete)</source>
        <translation>Remove the selected tariff (Delete)</translation>
    </message>
    <message>
        <source>Beställare</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>Ersättningen som gäller den första dagen i en månad gäller hela månaden. En ersättning som skulle ändra en attesterad månad kan inte läggas till eller tas bort.</source>
        <translation>The tariff in force on the first day of a month applies to the whole month. A tariff that would change an attested month cannot be added or removed.</translation>
    </message>
    <message>
        <source>Ersättningar – %1</source>
        <translation>Tariffs – %1</translation>
    </message>
    <message>
        <source>Ersättningar</source>
        <translation>Tariffs</translation>
    </message>
    <message>
        <source>Ta bort ersättning</source>
        <translation>Remove tariff</translation>
    </message>
    <message>
        <source>Ta bort ersättningen från %1 för %2?</source>
        <translation>Remove the tariff valid from %1 for %2?</translation>
    </message>
</context>
<context>
    <name>EmployeePrivacy</name>
    <message>
        <source>Inga tidigare anställda att gallra. Lönekostnader, tidrapporter och beslut sparas sju hela kalenderår efter det år de gäller (bokföringslagen).</source>
        <translation>No former employees to erase. Wage costs, time reports and decisions are kept seven whole calendar years after the year they belong to (the Accounting Act).</translation>
    </message>
    <message>
        <source>sista dag %1</source>
        <translation>last day %1</translation>
    </message>
    <message>
        <source>Gallra tidigare anställda</source>
        <translation>Erase former employees</translation>
    </message>
    <message>
        <source>Dessa tas bort helt, med lönekostnader, beslut och tidrapporter:

%1

Det går inte att ångra.</source>
        <translation>These are removed entirely, with wage costs, decisions and time reports:

%1

This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>EmployeesView</name>
    <message>
        <source>&amp;Ny anställd…</source>
        <extracomment>Runs a form dialog; tests replace it (exec() would block them).</extracomment>
        <translation>&amp;New employee…</translation>
    </message>
    <message>
        <source>&amp;Gallra tidigare anställda…</source>
        <translation>E&amp;rase former employees…</translation>
    </message>
    <message>
        <source>Anställda</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Uppgifter</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Tidrapport</source>
        <translation>Time report</translation>
    </message>
    <message>
        <source>Rekvisition</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Prognos</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>Anställningens &amp;slut…</source>
        <translation>End of e&amp;mployment…</translation>
    </message>
    <message>
        <source>Sysselsättnings&amp;grad…</source>
        <translation>Employment &amp;percentage…</translation>
    </message>
    <message>
        <source>&amp;Lönekostnad…</source>
        <translation>&amp;Wage cost…</translation>
    </message>
    <message>
        <source>Nytt &amp;beslut…</source>
        <translation>New &amp;decision…</translation>
    </message>
    <message>
        <source>Nytt s&amp;teg…</source>
        <translation>New s&amp;tep…</translation>
    </message>
    <message>
        <source>En ny bidragsnivå i det markerade beslutet</source>
        <translation>A new subsidy level in the selected decision</translation>
    </message>
    <message>
        <source>&amp;Registerutdrag…</source>
        <translation>Register e&amp;xtract…</translation>
    </message>
    <message>
        <source>Allt coopdesk har om den anställda, som JSON (dataskyddsförordningen art. 15)</source>
        <translation>Everything coopdesk holds about the employee, as JSON (GDPR art. 15)</translation>
    </message>
    <message>
        <source>Sysselsättningsgrad</source>
        <translation>Employment percentage</translation>
    </message>
    <message>
        <source>Lönekostnad</source>
        <translation>Wage cost</translation>
    </message>
    <message>
        <source>Beslut om lönebidrag</source>
        <translation>Wage subsidy decisions</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra anställda, lönekostnader och beslut om lönebidrag, ta ut registerutdrag och gallra.</source>
        <translation>Only an administrator can change employees, wage costs and wage subsidy decisions, export register extracts and erase.</translation>
    </message>
    <message>
        <source>Inga anställda ännu</source>
        <translation>No employees yet</translation>
    </message>
    <message>
        <source>Lägg till en anställd med lönebidrag med Ny anställd.</source>
        <translation>Add an employee with wage subsidy with New employee.</translation>
    </message>
    <message>
        <source>tills vidare</source>
        <translation>until further notice</translation>
    </message>
    <message>
        <source>%1 · anställd %2 – %3</source>
        <translation>%1 · employed %2 – %3</translation>
    </message>
    <message>
        <source>från %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>bara %1</source>
        <translation>only %1</translation>
    </message>
</context>
<context>
    <name>EmploymentDialog</name>
    <message>
        <source>Sysselsättningsgrad</source>
        <translation>Employment percentage</translation>
    </message>
    <message>
        <source>&amp;Sysselsättningsgrad</source>
        <translation>E&amp;mployment percentage</translation>
    </message>
    <message>
        <source>&amp;Från och med</source>
        <translation>&amp;From</translation>
    </message>
</context>
<context>
    <name>EndEmploymentDialog</name>
    <message>
        <source>Anställningens slut</source>
        <translation>End of employment</translation>
    </message>
    <message>
        <source>&amp;Sista anställningsdag</source>
        <translation>&amp;Last day of employment</translation>
    </message>
    <message>
        <source>Anställd</source>
        <translation>Employee</translation>
    </message>
</context>
<context>
    <name>EndPlacementDialog</name>
    <message>
        <source>Avsluta beslut</source>
        <translation>End placement</translation>
    </message>
    <message>
        <source>%1, %2, från och med %3</source>
        <translation>%1, %2, from %3</translation>
    </message>
    <message>
        <source>Beslut</source>
        <translation>Placement</translation>
    </message>
    <message>
        <source>&amp;Till och med</source>
        <translation>&amp;End date</translation>
    </message>
    <message>
        <source>Välj orsak…</source>
        <translation>Choose a reason…</translation>
    </message>
    <message>
        <source>Vet inte</source>
        <translation>Not known</translation>
    </message>
    <message>
        <source>&amp;Orsak</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Välj varför beslutet avslutas (eller Vet inte).</source>
        <translation>Choose why the placement ends (or Not known).</translation>
    </message>
</context>
<context>
    <name>ErasureDialog</name>
    <message>
        <source>Gallra tidigare medlemmar</source>
        <translation>Erase former members</translation>
    </message>
    <message>
        <source> år</source>
        <extracomment>The stored retention period and the cooperative row&apos;s version with it (passed back on Spara).</extracomment>
        <translation> years</translation>
    </message>
    <message>
        <source>Gallringstid i år</source>
        <translation>Retention period in years</translation>
    </message>
    <message>
        <source>&amp;Spara gallringstid</source>
        <translation>&amp;Save retention period</translation>
    </message>
    <message>
        <source>&amp;Gallringstid:</source>
        <translation>&amp;Retention period:</translation>
    </message>
    <message>
        <source>Gallringen kan inte ångras. Uppgifterna finns kvar i äldre säkerhetskopior tills de har rensats bort.</source>
        <translation>Erasure cannot be undone. The data remain in older backups until those have been rotated out.</translation>
    </message>
    <message>
        <source>Med gallringstiden %1 år gallras medlemmar vars sista beslut upphörde före %2.</source>
        <translation>With a retention period of %1 years, members whose last decision ended before %2 are erased.</translation>
    </message>
    <message>
        <source>Gallra 1 medlem</source>
        <translation>Erase 1 member</translation>
    </message>
    <message>
        <source>Gallra %1 medlemmar</source>
        <translation>Erase %1 members</translation>
    </message>
    <message>
        <source>Spara den kortare gallringstiden innan du gallrar efter %1 år.</source>
        <translation>Save the shorter retention period before you erase after %1 years.</translation>
    </message>
    <message>
        <source>Ingen medlem kan gallras med den här gallringstiden.</source>
        <translation>No member can be erased with this retention period.</translation>
    </message>
    <message>
        <source>Gallringstiden är sparad: %1 år.</source>
        <translation>The retention period is saved: %1 years.</translation>
    </message>
    <message>
        <source>Namn, personnummer, beslutsnummer och handläggarens uppgifter för %1 tas bort för alltid, och deras poster i loggen maskeras. Det går inte att ångra.

Vill du gallra?</source>
        <translation>The name, personal number, decision number and case worker&apos;s details of %1 are removed for good, and their entries in the log are masked. This cannot be undone.

Erase now?</translation>
    </message>
    <message>
        <source>1 medlem är gallrad.</source>
        <translation>1 member is erased.</translation>
    </message>
    <message>
        <source>%1 medlemmar är gallrade.</source>
        <translation>%1 members are erased.</translation>
    </message>
    <message>
        <source>Medlemmar vars alla beslut har upphört, och vars dokumentation inte har fått någon ny anteckning, för mer än gallringstiden sedan. Gallringen tar bort namn, personnummer, beslutsnummer, handläggarens uppgifter, genomförandeplaner, journal och avvikelser och maskerar medlemmens poster i loggen. Närvaro, timmar och omfattning finns kvar, så gamla redovisningar har samma siffror; där står medlemmen med sitt nya namn.</source>
        <translation>Members whose every decision ended, and whose documentation got no new note, longer ago than the retention period. Erasure removes the name, personal number, decision number, implementation plans, journal, deviations and the case worker&apos;s details, and masks the member&apos;s entries in the log. Attendance, hours and capacity stay, so old statements keep the same figures; the member appears there under the new name.</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Välkommen till coopdesk</source>
        <translation>Welcome to coopdesk</translation>
    </message>
    <message>
        <source>Skapa den första administratören. Administratören lägger till fler användare, ändrar inställningar och ersättningar och kan öppna attesterade månader igen. Alla loggar in med användarnamn och lösenord när programmet startar.</source>
        <translation>Create the first administrator. The administrator adds more users, changes settings and tariffs and can reopen attested months. Everyone logs in with a login and password when the program starts.</translation>
    </message>
    <message>
        <source>till exempel anna.b</source>
        <translation>for example anna.b</translation>
    </message>
    <message>
        <source>för- och efternamn</source>
        <translation>first and last name</translation>
    </message>
    <message>
        <source>minst 8 tecken</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <source>&amp;Användarnamn</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Lösenord</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Lösenordet &amp;igen</source>
        <translation>Password &amp;again</translation>
    </message>
    <message>
        <source>&amp;Kryptera databasen (rekommenderas)</source>
        <translation>&amp;Encrypt the database (recommended)</translation>
    </message>
    <message>
        <source>Databasen har redan uppgifter och är inte krypterad. Den kan krypteras senare med kommandot &apos;coopdesk encrypt&apos;.</source>
        <translation>The database already holds data and is not encrypted. It can be encrypted later with the command &apos;coopdesk encrypt&apos;.</translation>
    </message>
    <message>
        <source>Uppgifterna går då bara att läsa för den som loggar in. Du får en återställningsnyckel att skriva ut och förvara inlåst.</source>
        <translation>Then only someone who logs in can read the data. You get a recovery key to print and keep locked away.</translation>
    </message>
    <message>
        <source>&amp;Skapa administratören</source>
        <translation>&amp;Create the administrator</translation>
    </message>
    <message>
        <source>A&amp;vsluta</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Databas: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Lösenorden är inte lika. Skriv samma lösenord två gånger.</source>
        <translation>The passwords differ. Type the same password twice.</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Följ upp genomförandeplanen</source>
        <translation>Follow up the implementation plan</translation>
    </message>
    <message>
        <source>&amp;Datum</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Uppföljning</source>
        <translation>&amp;Follow-up</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>Kom igång</source>
        <extracomment>The steps only an administrator can do (the services refuse the others&apos; changes there).</extracomment>
        <translation>Getting started</translation>
    </message>
    <message>
        <source>Databasen är ny. Gör de här stegen i tur och ordning, så kan den första dagen registreras:</source>
        <translation>The database is new. Take these steps in order, and the first day can be registered:</translation>
    </message>
    <message>
        <source>Mer om att komma igång</source>
        <translation>More about getting started</translation>
    </message>
    <message>
        <source>&amp;Dölj</source>
        <translation>&amp;Hide</translation>
    </message>
    <message>
        <source>Visa inte listan igen för den här databasen</source>
        <translation>Do not show the list again for this database</translation>
    </message>
    <message>
        <source>Kooperativets uppgifter</source>
        <translation>The cooperative&apos;s details</translation>
    </message>
    <message>
        <source>namn, organisationsnummer, öppetdagar och heltidsvecka (Inställningar)</source>
        <translation>name, organisation number, opening days and full-time week (Settings)</translation>
    </message>
    <message>
        <source>Beställare och ersättningar</source>
        <translation>Districts and tariffs</translation>
    </message>
    <message>
        <source>stadsdelarna och kommunerna som har beslut om medlemmarna, och vad de betalar</source>
        <translation>the districts and municipalities that place the members, and what they pay</translation>
    </message>
    <message>
        <source>Arbetsområden</source>
        <translation>Work areas</translation>
    </message>
    <message>
        <source>till exempel Kopiering, Glasverkstad, Kaffestuga (Inställningar)</source>
        <translation>for example Copying, Glass workshop, Café (Settings)</translation>
    </message>
    <message>
        <source>Medlemmar med beslut</source>
        <translation>Members with placements</translation>
    </message>
    <message>
        <source>varje medlem med sitt beslut och sin omfattning</source>
        <translation>each member with their placement and capacity</translation>
    </message>
    <message>
        <source>Handledare</source>
        <translation>Supervisors</translation>
    </message>
    <message>
        <source>namn och tjänstgöringsgrad, för handledartiden</source>
        <translation>name and FTE percentage, for the supervisor hours</translation>
    </message>
    <message>
        <source>(görs av en administratör)</source>
        <translation>(done by an administrator)</translation>
    </message>
    <message>
        <source>Klart</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Inte gjort ännu</source>
        <translation>Not done yet</translation>
    </message>
    <message>
        <source>%1 av %2 klara</source>
        <translation>%1 of %2 done</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>◂ &amp;Tillbaka</source>
        <extracomment>The page for each view of the main window (ui/main_window.py VIEWS).</extracomment>
        <translation>◂ &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Framåt ▸</source>
        <translation>&amp;Forward ▸</translation>
    </message>
    <message>
        <source>&amp;Innehåll</source>
        <translation>&amp;Contents</translation>
    </message>
    <message>
        <source>&amp;Stäng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Stäng hjälpen (Esc)</source>
        <translation>Close the help (Esc)</translation>
    </message>
    <message>
        <source>Hjälp — coopdesk</source>
        <translation>Help — coopdesk</translation>
    </message>
    <message>
        <source>Hjälp — %1</source>
        <translation>Help — %1</translation>
    </message>
</context>
<context>
    <name>HoursDialog</name>
    <message>
        <source>Ändra handledartid</source>
        <translation>Edit supervisor hours</translation>
    </message>
    <message>
        <source>&amp;Datum</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Timmar</source>
        <translation>&amp;Hours</translation>
    </message>
    <message>
        <source>A&amp;ktivitet</source>
        <translation>A&amp;ctivity</translation>
    </message>
    <message>
        <source>Arbets&amp;område</source>
        <translation>Work &amp;area</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Fel lösenord. Försök igen.</source>
        <translation>Wrong password. Try again.</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Anteckning</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Skriven av</source>
        <translation>Written by</translation>
    </message>
    <message>
        <source>Felmarkerad</source>
        <translation>Struck out</translation>
    </message>
    <message>
        <source>(ändrad)</source>
        <translation>(changed)</translation>
    </message>
    <message>
        <source>Felmarkerad: %1</source>
        <translation>Struck out: %1</translation>
    </message>
</context>
<context>
    <name>JournalTab</name>
    <message>
        <source>Alla typer</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Skriv anteckningen. Ctrl+Enter sparar.</source>
        <translation>Write the entry. Ctrl+Enter saves.</translation>
    </message>
    <message>
        <source>&amp;Spara anteckning</source>
        <translation>&amp;Save entry</translation>
    </message>
    <message>
        <source>&amp;Felmarkera…</source>
        <translation>Stri&amp;ke out…</translation>
    </message>
    <message>
        <source>Än&amp;dra…</source>
        <translation>&amp;Change…</translation>
    </message>
    <message>
        <source>Skriv ut jo&amp;urnal…</source>
        <translation>Print jo&amp;urnal…</translation>
    </message>
    <message>
        <source>Skriv ut &amp;personakt…</source>
        <translation>Print &amp;personal file…</translation>
    </message>
    <message>
        <source>V&amp;isa:</source>
        <translation>Sh&amp;ow:</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>&amp;Typ</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Anteckning</source>
        <translation>&amp;Entry</translation>
    </message>
    <message>
        <source>&amp;Spara ändringen</source>
        <translation>&amp;Save the change</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Låst</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>coopdesk är låst. Inloggad: %1 (%2).</source>
        <translation>coopdesk is locked. Logged in: %1 (%2).</translation>
    </message>
    <message>
        <source>Skriv ditt lösenord för att fortsätta. Det du höll på med finns kvar.</source>
        <translation>Type your password to continue. What you were doing is still there.</translation>
    </message>
    <message>
        <source>Lösenord</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Lås &amp;upp</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>A&amp;vsluta</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>A&amp;nnan användare</source>
        <translation>A&amp;nother user</translation>
    </message>
    <message>
        <source>Logga ut %1 så att någon annan kan logga in.</source>
        <translation>Log %1 out so that someone else can log in.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Logga in — coopdesk</source>
        <extracomment>What a login at start and then Idag need, in that order, imported by preload() while the login dialog waits: the database layer (SQLAlchemy, the models, access), the register&apos;s services with the calendar (holidays), Idag&apos;s view, and what the window attaches after a login. How to log in: at start, access.login opens ``db``; after a logout, access.switch_user on the database that stays open (ui/main_window_session.py). Called with a CorruptDatabaseError met while logging in; True when a backup was restored. Called with another StorageError (a missing keys file, …): True when a backup was restored.</extracomment>
        <translation>Log in — coopdesk</translation>
    </message>
    <message>
        <source>&amp;Användarnamn</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <source>&amp;Lösenord</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Logga in</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>A&amp;vsluta</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Logga in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Det här är en demodatabas med påhittade uppgifter. Logga in med ett av demokontona:</source>
        <translation>This is a demo database with invented data. Log in with one of the demo accounts:</translation>
    </message>
    <message>
        <source>Databas: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Skriv ditt användarnamn och ditt lösenord.</source>
        <translation>Type your login and your password.</translation>
    </message>
    <message>
        <source>Du kan försöka igen om %1 s.</source>
        <translation>You can try again in %1 s.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Idag</source>
        <extracomment>The first start&apos;s window, made smaller on a smaller screen (fit_to_screen): 1366×768 with a taskbar leaves about 1366×728 for the window and its frame. The title bar and borders when the window system has not told them yet (before the first show). Emitted once, after the window&apos;s first paint: the moment to load the database (ui/gui.py).</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <source>Månad</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Medlemmar</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Handledare</source>
        <translation>Supervisors</translation>
    </message>
    <message>
        <source>Beställare</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>Redovisning</source>
        <translation>Statements</translation>
    </message>
    <message>
        <source>Anställda</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Databas: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Öppnar databasen…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Inloggad: %1 (%2)</source>
        <translation>Logged in: %1 (%2)</translation>
    </message>
    <message>
        <source>Försök nu</source>
        <translation>Try now</translation>
    </message>
    <message>
        <source>Ingen kontakt med databasservern.</source>
        <translation>No contact with the database server.</translation>
    </message>
    <message>
        <source>1 ändring väntar och sparas när kontakten är tillbaka.</source>
        <translation>1 change is waiting and will be saved when the contact is back.</translation>
    </message>
    <message>
        <source>%1 ändringar väntar och sparas när kontakten är tillbaka.</source>
        <translation>%1 changes are waiting and will be saved when the contact is back.</translation>
    </message>
    <message>
        <source>Det du ser kan vara inaktuellt. coopdesk försöker igen med några sekunders mellanrum.</source>
        <translation>What you see may be out of date. coopdesk tries again every few seconds.</translation>
    </message>
    <message>
        <source>Kontakten med databasservern är tillbaka. Allt som väntade är sparat.</source>
        <translation>The contact with the database server is back. Everything that was waiting is saved.</translation>
    </message>
    <message>
        <source>Bara en administratör kan lägga till handledare.</source>
        <translation>Only an administrator can add supervisors.</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra handledarnas uppgifter.</source>
        <translation>Only an administrator can change supervisors&apos; details.</translation>
    </message>
    <message>
        <source>Bara en administratör kan lägga till beställare.</source>
        <translation>Only an administrator can add districts.</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra beställare.</source>
        <translation>Only an administrator can change districts.</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra ersättningar.</source>
        <translation>Only an administrator can change tariffs.</translation>
    </message>
    <message>
        <source>Bara en administratör kan öppna en attesterad månad igen.</source>
        <translation>Only an administrator can reopen an attested month.</translation>
    </message>
    <message>
        <source>Bara en administratör kan importera.</source>
        <translation>Only an administrator can import.</translation>
    </message>
    <message>
        <source>Bara en administratör kan exportera hela databasen.</source>
        <translation>Only an administrator can export the whole database.</translation>
    </message>
    <message>
        <source>Bara en administratör kan återställa en säkerhetskopia.</source>
        <translation>Only an administrator can restore a backup.</translation>
    </message>
    <message>
        <source>Bara en administratör kan läsa händelseloggen.</source>
        <translation>Only an administrator can read the audit log.</translation>
    </message>
    <message>
        <source>Bara en administratör kan hantera användare.</source>
        <translation>Only an administrator can manage users.</translation>
    </message>
    <message>
        <source>Bara en administratör kan gallra medlemmar.</source>
        <translation>Only an administrator can erase members.</translation>
    </message>
    <message>
        <source>&amp;Arkiv</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Importera…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>&amp;Exportera…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>&amp;Säkerhetskopiera nu</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>Å&amp;terställ från säkerhetskopia…</source>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <source>&amp;Gallra tidigare medlemmar…</source>
        <translation>Erase &amp;former members…</translation>
    </message>
    <message>
        <source>&amp;Användare…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <source>&amp;Byt lösenord…</source>
        <translation>&amp;Change password…</translation>
    </message>
    <message>
        <source>&amp;Lås nu</source>
        <translation>&amp;Lock now</translation>
    </message>
    <message>
        <source>Logga &amp;ut / Byt användare…</source>
        <translation>Log &amp;out / Switch user…</translation>
    </message>
    <message>
        <source>A&amp;vsluta</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>&amp;Redigera</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Ångra</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Gör om</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>&amp;Visa</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Händelselogg…</source>
        <translation>&amp;Audit log…</translation>
    </message>
    <message>
        <source>R&amp;edovisning</source>
        <translation>&amp;Statements</translation>
    </message>
    <message>
        <source>Visa redovisning</source>
        <translation>Show statements</translation>
    </message>
    <message>
        <source>&amp;Hjälp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Användarhandbok</source>
        <translation>&amp;User guide</translation>
    </message>
    <message>
        <source>Handboken om vyn du är i (F1)</source>
        <translation>The guide to the view you are in (F1)</translation>
    </message>
    <message>
        <source>&amp;Kortkommandon</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;Om coopdesk</source>
        <translation>&amp;About coopdesk</translation>
    </message>
    <message>
        <source>Lösenordet är bytt.</source>
        <translation>The password is changed.</translation>
    </message>
    <message>
        <source>Säkerhetskopian är gjord och kontrollerad: %1</source>
        <translation>The backup is made and checked: %1</translation>
    </message>
    <message>
        <source>Kortkommandon</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+9, Ctrl+0  byt vy, Ctrl+,  inställningar
Ctrl+Z / Ctrl+Y  ångra / gör om
Ctrl+R  redovisning
Ctrl+L  händelselogg, Ctrl+Shift+L  lås nu

Idag och Månad:
/ eller Ctrl+F  hitta medlem: skriv namnets början, Enter väljer, Esc avbryter
N S A O L  på vald rad: närvarande, sjuk, anmäld, oanmäld frånvaro, ledig
siffror  skriv timmar på vald rad (Enter sparar)
Delete  ta bort registreringen
pil  väljer raden där markören står
Andra bokstäver ändrar ingenting: sök med / eller Ctrl+F.
Ctrl+M  markera alla planerade som närvarande (Idag)
Alt+Vänster / Alt+Höger  föregående / nästa dag, Ctrl+T idag</source>
        <translation>Ctrl+1 … Ctrl+9, Ctrl+0  switch view, Ctrl+,  settings
Ctrl+Z / Ctrl+Y  undo / redo
Ctrl+R  statements
Ctrl+L  audit log, Ctrl+Shift+L  lock now

Today and Month:
/ or Ctrl+F  find a member: type the start of the name, Enter chooses, Esc cancels
N S A O L  on the chosen row: present, sick, notified absence, unnotified absence, leave
digits  type the hours on the chosen row (Enter saves)
Delete  remove the registration
arrow  chooses the row the cursor is on
Other letters change nothing: search with / or Ctrl+F.
Ctrl+M  mark all planned as present (Today)
Alt+Left / Alt+Right  previous / next day, Ctrl+T today</translation>
    </message>
    <message>
        <source>Om coopdesk</source>
        <translation>About coopdesk</translation>
    </message>
    <message>
        <source>coopdesk %1

Närvaro, handledartid och månadsredovisningar för sociala arbetskooperativ.</source>
        <translation>coopdesk %1

Attendance, supervisor hours and monthly statements for social work cooperatives.</translation>
    </message>
    <message>
        <source>Ändringar väntar</source>
        <translation>Changes are waiting</translation>
    </message>
    <message>
        <source>%1 ändringar är inte sparade: databasservern går inte att nå.</source>
        <translation>%1 changes are not saved: the database server cannot be reached.</translation>
    </message>
    <message>
        <source>1 ändring är inte sparad: databasservern går inte att nå.</source>
        <translation>1 change is not saved: the database server cannot be reached.</translation>
    </message>
    <message>
        <source>Vänta tills kontakten är tillbaka (coopdesk försöker igen hela tiden), eller spara ändringarna i en fil och avsluta. Filen kan lämnas till den som sköter databasen så att inget går förlorat.</source>
        <translation>Wait until the contact is back (coopdesk keeps trying), or save the changes to a file and quit. The file can be handed to whoever looks after the database, so that nothing is lost.</translation>
    </message>
    <message>
        <source>&amp;Vänta</source>
        <translation>&amp;Wait</translation>
    </message>
    <message>
        <source>&amp;Spara i en fil och avsluta…</source>
        <translation>&amp;Save to a file and quit…</translation>
    </message>
    <message>
        <source>Spara ändringarna som väntar</source>
        <translation>Save the waiting changes</translation>
    </message>
    <message>
        <source>JSON-fil (*.json)</source>
        <translation>JSON file (*.json)</translation>
    </message>
    <message>
        <source>Filen %1 kunde inte sparas: %2</source>
        <translation>The file %1 could not be saved: %2</translation>
    </message>
    <message>
        <source>Utloggad</source>
        <extracomment>The user is logged out: the window throws its views away and shows ``page``. The next user is logged in (an access session): the window opens on their data. Nobody is logged in: the page shows, with the login dialog or its &quot;Logga in…&quot;. The login dialog shown after a logout (tests fill it and call its ``attempt()``).</extracomment>
        <translation>Logged out</translation>
    </message>
    <message>
        <source>Ingen är inloggad. Logga in för att fortsätta.</source>
        <translation>Nobody is logged in. Log in to continue.</translation>
    </message>
    <message>
        <source>&amp;Logga in…</source>
        <translation>&amp;Log in…</translation>
    </message>
    <message>
        <source>Osparade uppgifter</source>
        <extracomment>Shown instead of the views while nobody is logged in (the window&apos;s central stack holds it).</extracomment>
        <translation>Unsaved details</translation>
    </message>
    <message>
        <source>”%1” har uppgifter som inte är sparade.</source>
        <translation>“%1” has details that are not saved.</translation>
    </message>
    <message>
        <source>Ett öppet fönster har uppgifter som %1 inte har sparat.</source>
        <translation>An open window has details that %1 has not saved.</translation>
    </message>
    <message>
        <source>Spara dem (i %1s namn) innan %1 loggas ut, släng dem, eller avbryt utloggningen.</source>
        <translation>Save them (in %1&apos;s name) before %1 is logged out, discard them, or cancel the logout.</translation>
    </message>
    <message>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>S&amp;läng</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Uppgifterna kunde inte sparas som de står. %1 behöver låsa upp och rätta dem.</source>
        <translation>The details could not be saved as they stand. %1 needs to unlock and correct them.</translation>
    </message>
    <message>
        <source>Ändringar väntar på databasservern. Logga ut när de är sparade (coopdesk försöker igen hela tiden).</source>
        <translation>Changes are waiting for the database server. Log out when they are saved (coopdesk keeps trying).</translation>
    </message>
    <message>
        <source>Importera från &amp;kalkylblad…</source>
        <translation>Import from &amp;spreadsheet…</translation>
    </message>
    <message>
        <source>Statistik</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Att göra</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Avvikelser</source>
        <translation>Deviations</translation>
    </message>
</context>
<context>
    <name>MemberDeviationsTab</name>
    <message>
        <source>&amp;Ny avvikelse…</source>
        <translation>&amp;New deviation…</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>&amp;Uppgifter</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>&amp;Beslut</source>
        <translation>&amp;Placements</translation>
    </message>
    <message>
        <source>&amp;Omfattning</source>
        <translation>&amp;Capacity</translation>
    </message>
    <message>
        <source>&amp;Närvaro</source>
        <translation>A&amp;ttendance</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>ÅÅÅÅMMDD-NNNN</source>
        <translation>YYYYMMDD-NNNN</translation>
    </message>
    <message>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Spara uppgifterna först. Sedan kan du lägga till beslut och omfattning.</source>
        <translation>Save the details first. Then you can add placements and capacity.</translation>
    </message>
    <message>
        <source>Na&amp;mn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Personnummer</source>
        <translation>Personal &amp;identity number</translation>
    </message>
    <message>
        <source>Huvudsakligt &amp;arbetsområde</source>
        <translation>Primary &amp;work area</translation>
    </message>
    <message>
        <source>&amp;Lägg till beslut…</source>
        <translation>&amp;Add placement…</translation>
    </message>
    <message>
        <source>A&amp;vsluta beslut…</source>
        <translation>&amp;End placement…</translation>
    </message>
    <message>
        <source>&amp;Flytta till annan beställare…</source>
        <translation>&amp;Move to another district…</translation>
    </message>
    <message>
        <source>N&amp;y omfattning…</source>
        <translation>&amp;New capacity…</translation>
    </message>
    <message>
        <source>Omfattningen gäller från sitt datum tills nästa börjar. Historiken ändras inte.</source>
        <translation>Each capacity applies from its date until the next one begins. The history is not changed.</translation>
    </message>
    <message>
        <source>(inget)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Ny medlem</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>Spara uppgifterna först.</source>
        <translation>Save the details first.</translation>
    </message>
    <message>
        <source>Senaste %1 veckorna: %2 dagar närvarande · %3 av %4 tim</source>
        <translation>Last %1 weeks: %2 days present · %3 of %4 h</translation>
    </message>
    <message>
        <source> (närvarograd %1 %)</source>
        <translation> (attendance rate %1%)</translation>
    </message>
    <message>
        <source> · 1 planerad dag utan registrering</source>
        <translation> · 1 planned day without a registration</translation>
    </message>
    <message>
        <source> · %1 planerade dagar utan registrering</source>
        <translation> · %1 planned days without a registration</translation>
    </message>
    <message>
        <source>Hittills i %1: inga dagar ännu</source>
        <translation>So far in %1: no days yet</translation>
    </message>
    <message>
        <source>Hittills i %1 (t.o.m. %2): %3 av %4 tim</source>
        <translation>So far in %1 (up to %2): %3 of %4 h</translation>
    </message>
    <message>
        <source>Hela %1: %2 tim planerade</source>
        <translation>All of %1: %2 h planned</translation>
    </message>
    <message>
        <source>Sparas som %1</source>
        <translation>Will be saved as %1</translation>
    </message>
    <message>
        <source>Skriv personnumret som ÅÅÅÅMMDD-NNNN.</source>
        <translation>Enter the personal identity number as YYYYMMDD-NNNN.</translation>
    </message>
    <message>
        <source>Osparade uppgifter</source>
        <translation>Unsaved details</translation>
    </message>
    <message>
        <source>Uppgifterna är inte sparade.</source>
        <translation>The details have not been saved.</translation>
    </message>
    <message>
        <source>Stäng &amp;utan att spara</source>
        <translation>Close &amp;without saving</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Genomförandeplan</source>
        <translation>Implementation &amp;plan</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>A&amp;vvikelser</source>
        <translation>De&amp;viations</translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <source>Medlemmar</source>
        <extracomment>The day the list is about; None means the real today (tests set a fixed day).</extracomment>
        <translation>Members</translation>
    </message>
    <message>
        <source>Sök namn eller personnummer (Ctrl+F)</source>
        <translation>Search by name or personal identity number (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Ny medlem</source>
        <translation>&amp;New member</translation>
    </message>
    <message>
        <source>Lägg till en ny medlem (Ctrl+N)</source>
        <translation>Add a new member (Ctrl+N)</translation>
    </message>
    <message>
        <source>Ö&amp;ppna</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Öppna den valda medlemmen (Enter)</source>
        <translation>Open the selected member (Enter)</translation>
    </message>
    <message>
        <source>⚠ Beslutet upphör inom 30 dagar · grå: inget aktivt beslut idag</source>
        <extracomment>where the workbook goes (replaced in tests)</extracomment>
        <translation>⚠ Placement ends within 30 days · grey: no active placement today</translation>
    </message>
    <message>
        <source>%1 medlemmar</source>
        <translation>%1 members</translation>
    </message>
    <message>
        <source>%1 av %2 medlemmar</source>
        <translation>%1 of %2 members</translation>
    </message>
    <message>
        <source>%1 beslut upphör inom 30 dagar</source>
        <translation>%1 placement(s) ending within 30 days</translation>
    </message>
    <message>
        <source>%1 utan aktivt beslut</source>
        <translation>%1 without an active placement</translation>
    </message>
    <message>
        <source>Exportera till E&amp;xcel…</source>
        <translation>Export to E&amp;xcel…</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>◂ Föregående</source>
        <translation>◂ Previous</translation>
    </message>
    <message>
        <source>Föregående månad (Alt+Vänster)</source>
        <translation>Previous month (Alt+Left)</translation>
    </message>
    <message>
        <source>Denna månad</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Gå till denna månad (Ctrl+T)</source>
        <translation>Go to this month (Ctrl+T)</translation>
    </message>
    <message>
        <source>Nästa ▸</source>
        <translation>Next ▸</translation>
    </message>
    <message>
        <source>Nästa månad (Alt+Höger)</source>
        <translation>Next month (Alt+Right)</translation>
    </message>
    <message>
        <source>N närvarande (timmar) · S sjuk · A anmäld frånvaro · O oanmäld frånvaro · L ledig · · planerad, ej registrerad</source>
        <extracomment>where the workbook goes (replaced in tests) The months beside this one, read ahead on the worker (month_ahead.py); connected to the changes before this view, so a change is known there before this view reads again.</extracomment>
        <translation>N present (hours) · S sick · A notified absence · O unnotified absence · L leave · · planned, unregistered</translation>
    </message>
    <message>
        <source>Helg</source>
        <translation>Weekend</translation>
    </message>
    <message>
        <source>Helgdag</source>
        <translation>Public holiday</translation>
    </message>
    <message>
        <source>Stängningsdag</source>
        <translation>Closure day</translation>
    </message>
    <message>
        <source>Inget beslut</source>
        <translation>No placement</translation>
    </message>
    <message>
        <source>Hittills i månaden: inga dagar ännu. Idag räknas med när alla planerade är registrerade.</source>
        <translation>Month to date: no days yet. Today counts once everyone planned is registered.</translation>
    </message>
    <message>
        <source>Hittills i månaden: t.o.m. idag %1. Hela månaden: hela planen för %2.</source>
        <translation>Month to date: up to today %1. Whole month: the whole plan for %2.</translation>
    </message>
    <message>
        <source>Hittills i månaden: t.o.m. %1 (idag räknas med när alla planerade är registrerade). Hela månaden: hela planen för %2.</source>
        <translation>Month to date: up to %1 (today counts once everyone planned is registered). Whole month: the whole plan for %2.</translation>
    </message>
    <message>
        <source>%1 är attesterad av %2 och kan inte ändras. En administratör kan öppna månaden igen.</source>
        <translation>%1 has been attested by %2 and cannot be changed. An administrator can reopen the month.</translation>
    </message>
    <message>
        <source>Rutan syns nu. Tryck igen för att ändra den.</source>
        <translation>The cell is in view now. Press again to change it.</translation>
    </message>
    <message>
        <source>Välj en dag först: pilarna, ett klick eller / för att söka.</source>
        <translation>Choose a day first: the arrows, a click or / to search.</translation>
    </message>
    <message>
        <source>%1 — Ctrl+Z ångrar</source>
        <translation>%1 — Ctrl+Z undoes</translation>
    </message>
    <message>
        <source>Exportera till E&amp;xcel…</source>
        <translation>Export to E&amp;xcel…</translation>
    </message>
    <message>
        <source>Medlem</source>
        <translation>Member</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Flytta till annan beställare</source>
        <translation>Move to another district</translation>
    </message>
    <message>
        <source>Det nuvarande beslutet avslutas dagen före.</source>
        <translation>The current placement ends the day before.</translation>
    </message>
    <message>
        <source>&amp;Ny beställare</source>
        <translation>&amp;New district</translation>
    </message>
    <message>
        <source>Från &amp;och med</source>
        <translation>S&amp;tart date</translation>
    </message>
    <message>
        <source>Nytt beslut&amp;snummer</source>
        <translation>New decision &amp;reference</translation>
    </message>
    <message>
        <source>Biståndshan&amp;dläggare</source>
        <translation>&amp;Case worker</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>Ett tillfälligt lösenord för %1:</source>
        <translation>A temporary password for %1:</translation>
    </message>
    <message>
        <source>&amp;Nytt lösenord</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>Lösenordet &amp;igen</source>
        <translation>Password &amp;again</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>Ny användare</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>till exempel anna.b</source>
        <translation>for example anna.b</translation>
    </message>
    <message>
        <source>&amp;Användarnamn</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Roll</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>&amp;Tillfälligt lösenord</source>
        <translation>&amp;Temporary password</translation>
    </message>
    <message>
        <source>Lösenordet &amp;igen</source>
        <translation>Password &amp;again</translation>
    </message>
    <message>
        <source>Användaren väljer ett eget lösenord vid första inloggningen.</source>
        <translation>The user chooses their own password at the first login.</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Stäng meddelandet</source>
        <translation>Close the message</translation>
    </message>
</context>
<context>
    <name>OutlookChart</name>
    <message>
        <source>Ingen prognos att visa.</source>
        <extracomment>Colours told apart by people with the common colour blindnesses (Okabe &amp; Ito).</extracomment>
        <translation>No outlook to show.</translation>
    </message>
    <message>
        <source>slut</source>
        <translation>end</translation>
    </message>
</context>
<context>
    <name>OutlookTab</name>
    <message>
        <source>Prognosen utgår från den stående lönekostnaden och beslutens nivåer. Streckade linjer: en nedtrappning eller ett slut.</source>
        <translation>The outlook is based on the standing wage cost and the decisions&apos; levels. Dashed lines: a step-down or an end.</translation>
    </message>
    <message>
        <source>Summa per år</source>
        <translation>Total per year</translation>
    </message>
    <message>
        <source>Nedtrappningar och slut</source>
        <translation>Step-downs and ends</translation>
    </message>
    <message>
        <source>Prognos %1 – %2</source>
        <translation>Outlook %1 – %2</translation>
    </message>
    <message>
        <source>%1: %2 – %3 slutar (sista dag)</source>
        <translation>%1: %2 – %3 ends (last day)</translation>
    </message>
    <message>
        <source>%1: %2 – %3 från %4 % till %5 %</source>
        <translation>%1: %2 – %3 from %4 % to %5 %</translation>
    </message>
</context>
<context>
    <name>Outputs</name>
    <message>
        <source>Sparade %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Lösenord för exporten</source>
        <translation>Export passphrase</translation>
    </message>
    <message>
        <source>&amp;Lösenord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Igen:</source>
        <translation>&amp;Again:</translation>
    </message>
    <message>
        <source>Minst %1 tecken. Lösenordet sparas ingenstans: utan det kan ingen läsa filen, inte heller du.</source>
        <translation>At least %1 characters. The passphrase is stored nowhere: without it nobody can read the file, you included.</translation>
    </message>
    <message>
        <source>Filen är en krypterad export. Skriv lösenordet som den sparades med.</source>
        <translation>The file is an encrypted export. Type the passphrase it was saved with.</translation>
    </message>
    <message>
        <source>Lösenordet måste vara minst %1 tecken.</source>
        <translation>The passphrase must have at least %1 characters.</translation>
    </message>
    <message>
        <source>Lösenorden är inte lika.</source>
        <translation>The passphrases differ.</translation>
    </message>
</context>
<context>
    <name>PlacementDialog</name>
    <message>
        <source>Lägg till beslut</source>
        <translation>Add placement</translation>
    </message>
    <message>
        <source>&amp;Till och med</source>
        <translation>&amp;End date</translation>
    </message>
    <message>
        <source>&amp;Beställare</source>
        <translation>&amp;District</translation>
    </message>
    <message>
        <source>Beslut&amp;snummer</source>
        <translation>Decision &amp;reference</translation>
    </message>
    <message>
        <source>Biståndshan&amp;dläggare</source>
        <translation>&amp;Case worker</translation>
    </message>
    <message>
        <source>Tele&amp;fon</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>&amp;E-post</source>
        <translation>E&amp;mail</translation>
    </message>
    <message>
        <source>Från &amp;och med</source>
        <translation>S&amp;tart date</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Ny version av genomförandeplanen</source>
        <translation>New version of the implementation plan</translation>
    </message>
    <message>
        <source>Mål %1</source>
        <translation>Goal %1</translation>
    </message>
    <message>
        <source>Insats</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Vem gör vad</source>
        <translation>Who does what</translation>
    </message>
    <message>
        <source>Hur</source>
        <translation>How</translation>
    </message>
    <message>
        <source>När</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Medlemmens egen syn och hur medlemmen har deltagit</source>
        <translation>The member&apos;s own view and how the member took part</translation>
    </message>
    <message>
        <source>&amp;Beslut</source>
        <translation>&amp;Placement</translation>
    </message>
    <message>
        <source>&amp;Mål</source>
        <translation>&amp;Goals</translation>
    </message>
    <message>
        <source>Medlemmens &amp;delaktighet</source>
        <translation>The member&apos;s &amp;participation</translation>
    </message>
    <message>
        <source>&amp;Uppföljning senast</source>
        <translation>&amp;Follow-up by</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>&amp;Ny version…</source>
        <translation>&amp;New version…</translation>
    </message>
    <message>
        <source>F&amp;ölj upp…</source>
        <translation>F&amp;ollow up…</translation>
    </message>
    <message>
        <source>Skriv &amp;ut…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Versioner</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Ingen genomförandeplan är skriven. Skriv den tillsammans med medlemmen: Ny version.</source>
        <translation>No implementation plan is written. Write it together with the member: New version.</translation>
    </message>
    <message>
        <source>Planen ska följas upp senast %1.</source>
        <translation>The plan is to be followed up by %1.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Återställningsnyckel</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Databasen är krypterad. Om alla administratörer glömmer sina lösenord är den här nyckeln det enda sättet att öppna den igen: utan den går uppgifterna inte att läsa.

Skriv ut nyckeln eller skriv av den, och förvara den inlåst och skild från datorn. Nyckeln visas bara den här gången.</source>
        <translation>The database is encrypted. If every administrator forgets their password, this key is the only way to open it again: without it the data cannot be read.

Print the key or copy it by hand, and keep it locked away, apart from the computer. The key is shown only this once.</translation>
    </message>
    <message>
        <source>Skriv &amp;ut…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Jag har skrivit ut eller skrivit av nyckeln</source>
        <translation>&amp;I have printed or copied the key</translation>
    </message>
    <message>
        <source>&amp;Fortsätt</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>Databas: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Nyckeln öppnar den krypterade databasen om alla administratörer har glömt sina lösenord: &apos;coopdesk recover&apos;. Förvara papperet inlåst, skilt från datorn.</source>
        <translation>The key opens the encrypted database if every administrator has forgotten their password: &apos;coopdesk recover&apos;. Keep the paper locked away, apart from the computer.</translation>
    </message>
</context>
<context>
    <name>RequestTab</name>
    <message>
        <source>◂</source>
        <translation>◂</translation>
    </message>
    <message>
        <source>Föregående månad (Alt+Vänster)</source>
        <translation>Previous month (Alt+Left)</translation>
    </message>
    <message>
        <source>▸</source>
        <translation>▸</translation>
    </message>
    <message>
        <source>Nästa månad (Alt+Höger)</source>
        <translation>Next month (Alt+Right)</translation>
    </message>
    <message>
        <source>Bidraget: lägsta av lönekostnaden och taket (taket för heltid × sysselsättningsgraden), gånger nivån och de dagar beslutet gäller, avrundat till hela ören. * = månadens egen lönekostnad.</source>
        <translation>The subsidy: the lower of the wage cost and the ceiling (the full-time ceiling × the employment percentage), times the level and the days the decision covers, rounded to the öre. * = the month&apos;s own wage cost.</translation>
    </message>
    <message>
        <source>Tidrapporterna i månaden (timmar)</source>
        <translation>The month&apos;s time reports (hours)</translation>
    </message>
    <message>
        <source>Underlag för rekvisition – %1</source>
        <translation>Request basis – %1</translation>
    </message>
    <message>
        <source>Summa att rekvirera: %1</source>
        <translation>Total to request: %1</translation>
    </message>
    <message>
        <source>Inget beslut om lönebidrag gäller i månaden.</source>
        <translation>No wage subsidy decision covers the month.</translation>
    </message>
</context>
<context>
    <name>RestoreAtStart</name>
    <message>
        <source>Databasen %1 finns inte (eller är tom).</source>
        <translation>The database %1 does not exist (or is empty).</translation>
    </message>
    <message>
        <source>%1

Det finns en säkerhetskopia av den från %2. Vill du återställa den nu?</source>
        <translation>%1

There is a backup of it from %2. Do you want to restore it now?</translation>
    </message>
    <message>
        <source>%1

En kopia av nyckelfilen finns bredvid säkerhetskopian från %2. Vill du lägga tillbaka den nu? Databasen ändras inte.</source>
        <translation>%1

A copy of the keys file is beside the backup from %2. Do you want to put it back now? The database is not changed.</translation>
    </message>
    <message>
        <source>Återställ säkerhetskopia</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Säkerhetskopian är krypterad. Ditt användarnamn:</source>
        <translation>The backup is encrypted. Your login:</translation>
    </message>
    <message>
        <source>Ditt lösenord:</source>
        <translation>Your password:</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Återställ från säkerhetskopia</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>Välj den säkerhetskopia som ska ersätta databasen. Databasen som den är nu sparas först som en säkerhetskopia, så inget går förlorat. Mapp: %1</source>
        <translation>Choose the backup that is to replace the database. The database as it is now is saved as a backup first, so nothing is lost. Folder: %1</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Storlek</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Orsak</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Återställ</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>Det finns inga säkerhetskopior ännu.</source>
        <translation>There are no backups yet.</translation>
    </message>
    <message>
        <source>Ersätta databasen med säkerhetskopian från %1?</source>
        <translation>Replace the database with the backup from %1?</translation>
    </message>
    <message>
        <source>Återställ</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>värdstadsdel %1</source>
        <translation>host district %1</translation>
    </message>
    <message>
        <source>Från början</source>
        <translation>From the start</translation>
    </message>
    <message>
        <source>Från %1</source>
        <translation>From %1</translation>
    </message>
    <message>
        <source>%1 tim</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>&amp;Gäller från</source>
        <translation>&amp;Valid from</translation>
    </message>
    <message>
        <source>&amp;Spara</source>
        <extracomment>The cooperative row&apos;s version as the form shows it (kept while typed in). 0: not stored yet.</extracomment>
        <translation>S&amp;ave</translation>
    </message>
    <message>
        <source>Spara uppgifterna (Ctrl+S)</source>
        <translation>Save the details (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Organisationsnummer</source>
        <translation>&amp;Organisation number</translation>
    </message>
    <message>
        <source>Öppetdagar</source>
        <translation>Opening days</translation>
    </message>
    <message>
        <source>Kooperativet</source>
        <extracomment>After each load: the stored idle time in minutes and the cooperative row&apos;s version (0: not stored).</extracomment>
        <translation>The cooperative</translation>
    </message>
    <message>
        <source>Heltidsveckan ger medlemmarnas planerade tid och handledarnas finansierade tid. Öppetdagar och heltidsvecka gäller från ett datum; en attesterad månad ändras aldrig. Värdstadsdelen får handledartiden i sin redovisning.</source>
        <translation>The full-time week sets the members&apos; planned hours and the supervisors&apos; funded hours. The opening weekdays and the full-time week hold from a date; an attested month never changes. The host district receives the supervisor hours in its statement.</translation>
    </message>
    <message>
        <source>&amp;Lägg till…</source>
        <translation>A&amp;dd…</translation>
    </message>
    <message>
        <source>&amp;Byt namn…</source>
        <translation>Rena&amp;me…</translation>
    </message>
    <message>
        <source>Arbetsområden</source>
        <translation>Work areas</translation>
    </message>
    <message>
        <source>A&amp;dress</source>
        <translation>Add&amp;ress</translation>
    </message>
    <message>
        <source>Heltidsve&amp;cka (timmar)</source>
        <translation>Full-time &amp;week (hours)</translation>
    </message>
    <message>
        <source>V&amp;ärdstadsdel</source>
        <translation>Host d&amp;istrict</translation>
    </message>
    <message>
        <source>Lägg till stän&amp;gningsdag…</source>
        <translation>Add &amp;closure day…</translation>
    </message>
    <message>
        <source>Ta bor&amp;t</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <source>Ta bort den markerade stängningsdagen (Delete)</source>
        <translation>Delete the selected closure day (Delete)</translation>
    </message>
    <message>
        <source>Stängningsdagar</source>
        <translation>Closure days</translation>
    </message>
    <message>
        <source>&amp;År</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>Gäller när programmet startas om.</source>
        <translation>Takes effect when the program is restarted.</translation>
    </message>
    <message>
        <source>Språk / Language</source>
        <translation>Language / Språk</translation>
    </message>
    <message>
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra inställningarna. Språket och mappen för säkerhetskopior gäller den här datorn.</source>
        <translation>Only an administrator can change the settings. The language and the backup folder apply to this computer.</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra inställningarna.</source>
        <translation>Only an administrator can change the settings.</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra arbetsområden.</source>
        <translation>Only an administrator can change work areas.</translation>
    </message>
    <message>
        <source>Bara en administratör kan ändra stängningsdagar.</source>
        <translation>Only an administrator can change closure days.</translation>
    </message>
    <message>
        <source>(ingen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Alla år</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>Sparat.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Ta bort stängningsdag</source>
        <translation>Delete closure day</translation>
    </message>
    <message>
        <source>Ta bort stängningsdagen %1?</source>
        <translation>Delete the closure day %1?</translation>
    </message>
    <message>
        <source> min</source>
        <extracomment>The cooperative row&apos;s version as this box shows it, passed back with the next save.</extracomment>
        <translation> min</translation>
    </message>
    <message>
        <source>Lås efter minuter utan aktivitet</source>
        <translation>Lock after minutes without activity</translation>
    </message>
    <message>
        <source>Spara &amp;låstid</source>
        <translation>Save &amp;lock time</translation>
    </message>
    <message>
        <source>Lås programmet efter</source>
        <translation>Lock the program after</translation>
    </message>
    <message>
        <source>utan aktivitet</source>
        <translation>without activity</translation>
    </message>
    <message>
        <source>Ett låst program visar inga uppgifter förrän lösenordet skrivs igen. Arkiv → Lås nu (Ctrl+Shift+L) låser direkt.</source>
        <translation>A locked program shows no data until the password is typed again. File → Lock now (Ctrl+Shift+L) locks at once.</translation>
    </message>
    <message>
        <source>Automatisk låsning</source>
        <extracomment>The cooperative row saved here: the version it had (as this box knew it) and the version it has now.</extracomment>
        <translation>Automatic lock</translation>
    </message>
    <message>
        <source>Välj &amp;mapp…</source>
        <translation>Choose &amp;folder…</translation>
    </message>
    <message>
        <source>Standardma&amp;pp</source>
        <translation>&amp;Default folder</translation>
    </message>
    <message>
        <source>Säkerhetskopior tas när programmet stängs och en gång om dagen. Ett USB-minne eller en nätverksmapp är bra: då finns uppgifterna kvar om datorn går sönder.</source>
        <translation>Backups are taken when the program closes and once a day. A USB stick or a network folder is a good choice: the data then survives if the computer breaks.</translation>
    </message>
    <message>
        <source>Säkerhetskopior</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Mapp för säkerhetskopior</source>
        <translation>Folder for backups</translation>
    </message>
    <message>
        <source>Fakturering (e-faktura)</source>
        <translation>Invoicing (e-invoice)</translation>
    </message>
    <message>
        <source>&amp;Uppgifter för:</source>
        <translation>&amp;Details of:</translation>
    </message>
    <message>
        <source>Godkänd för F-skatt</source>
        <translation>Approved for F-tax</translation>
    </message>
    <message>
        <source> dagar</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Peppol-id:</source>
        <translation>Peppol id:</translation>
    </message>
    <message>
        <source>Momsregistreringsnummer:</source>
        <translation>VAT number:</translation>
    </message>
    <message>
        <source>Gatuadress:</source>
        <translation>Street:</translation>
    </message>
    <message>
        <source>Postnummer:</source>
        <translation>Postcode:</translation>
    </message>
    <message>
        <source>Ort:</source>
        <translation>City:</translation>
    </message>
    <message>
        <source>Bankgiro:</source>
        <translation>Bankgiro:</translation>
    </message>
    <message>
        <source>Plusgiro:</source>
        <translation>Plusgiro:</translation>
    </message>
    <message>
        <source>Betalningsvillkor:</source>
        <translation>Payment terms:</translation>
    </message>
    <message>
        <source>Fakturanummer, prefix:</source>
        <translation>Invoice number prefix:</translation>
    </message>
    <message>
        <source>Nästa fakturanummer:</source>
        <translation>Next invoice number:</translation>
    </message>
    <message>
        <source>Organisationsnummer:</source>
        <translation>Org number:</translation>
    </message>
    <message>
        <source>Peppol-id eller GLN:</source>
        <translation>Peppol id or GLN:</translation>
    </message>
    <message>
        <source>Referenskod:</source>
        <translation>Buyer reference:</translation>
    </message>
    <message>
        <source>Spara &amp;faktureringsuppgifter</source>
        <translation>Save &amp;invoicing details</translation>
    </message>
    <message>
        <source>&amp;Faktureringsuppgifter…</source>
        <translation>&amp;Invoicing details…</translation>
    </message>
    <message>
        <source>Peppol-id %1 · nästa fakturanummer %2</source>
        <translation>Peppol id %1 · next invoice number %2</translation>
    </message>
    <message>
        <source>Inte ifyllt: behövs för e-fakturor till beställarna.</source>
        <translation>Not filled in: needed for e-invoices to the districts.</translation>
    </message>
    <message>
        <source>Faktureringsuppgifter</source>
        <translation>Invoicing details</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SheetImportDialog</name>
    <message>
        <source>Importera från kalkylblad</source>
        <extracomment>(done, total) from the database worker: delivered on the GUI thread (a queued connection).</extracomment>
        <translation>Import from spreadsheet</translation>
    </message>
    <message>
        <source>Ingen fil vald.</source>
        <translation>No file chosen.</translation>
    </message>
    <message>
        <source>&amp;Välj fil…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <source>&amp;Använd</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <source>Rätta en kolumn:</source>
        <translation>Correct a column:</translation>
    </message>
    <message>
        <source>läses som</source>
        <translation>read as</translation>
    </message>
    <message>
        <source>&amp;Importera</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Stäng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Blad:</source>
        <translation>Sheets:</translation>
    </message>
    <message>
        <source>Kolumner i det valda bladet:</source>
        <translation>Columns of the chosen sheet:</translation>
    </message>
    <message>
        <source>Förhandsgranskning:</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <source>Importerar kalkylblad…</source>
        <translation>Importing spreadsheet…</translation>
    </message>
    <message>
        <source>Importerat: %1 medlemmar, %2 beslut, %3 omfattningar, %4 närvarodagar.</source>
        <translation>Imported: %1 members, %2 placements, %3 capacity periods, %4 attendance days.</translation>
    </message>
</context>
<context>
    <name>SocialPrint</name>
    <message>
        <source>Spara som PDF</source>
        <translation>Save as PDF</translation>
    </message>
</context>
<context>
    <name>StatementsView</name>
    <message>
        <source>Ersätt filer</source>
        <translation>Replace files</translation>
    </message>
    <message>
        <source>Dessa filer finns redan i mappen och ersätts:

%1

Vill du ersätta dem?</source>
        <translation>These files are already in the folder and will be replaced:

%1

Do you want to replace them?</translation>
    </message>
    <message>
        <source>◂ Föregående</source>
        <translation>◂ Previous</translation>
    </message>
    <message>
        <source>Föregående månad (Alt+Vänster)</source>
        <translation>Previous month (Alt+Left)</translation>
    </message>
    <message>
        <source>Nästa ▸</source>
        <translation>Next ▸</translation>
    </message>
    <message>
        <source>Nästa månad (Alt+Höger)</source>
        <translation>Next month (Alt+Right)</translation>
    </message>
    <message>
        <source>&amp;Beställare:</source>
        <translation>&amp;District:</translation>
    </message>
    <message>
        <source>Skriv &amp;ut…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Spara som &amp;PDF…</source>
        <translation>Save &amp;as PDF…</translation>
    </message>
    <message>
        <source>Exportera &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>A&amp;ttestera månad…</source>
        <translation>A&amp;ttest month…</translation>
    </message>
    <message>
        <source>Öppna månad &amp;igen…</source>
        <translation>Re&amp;open month…</translation>
    </message>
    <message>
        <source>Förhandsgranskningen visas här.</source>
        <translation>The preview appears here.</translation>
    </message>
    <message>
        <source>Alla beställare</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>Redovisning %1</source>
        <translation>Statements for %1</translation>
    </message>
    <message>
        <source>Räknar fram redovisningen…</source>
        <translation>Calculating the statements…</translation>
    </message>
    <message>
        <source>Skapar PDF…</source>
        <translation>Creating PDF…</translation>
    </message>
    <message>
        <source>Det finns inga beställare ännu. Lägg till en under Beställare.</source>
        <translation>There are no districts yet. Add one under Districts.</translation>
    </message>
    <message>
        <source>Attesterad %1 av %2</source>
        <translation>Attested %1 by %2</translation>
    </message>
    <message>
        <source>Preliminär: månaden är inte attesterad.</source>
        <translation>Preliminary: the month has not been attested.</translation>
    </message>
    <message>
        <source>%1 · %2 sidor · kontrollsumma %3</source>
        <translation>%1 · pages: %2 · checksum %3</translation>
    </message>
    <message>
        <source> · förhandsgranskningen visar %1; utskrift och sparande gäller alla %2 beställare</source>
        <translation> · the preview shows %1; printing and saving cover all %2 districts</translation>
    </message>
    <message>
        <source>Att &amp;kontrollera i %1 (%2) – hindrar inte attesten:</source>
        <translation>To &amp;check in %1 (%2) – does not block the attest:</translation>
    </message>
    <message>
        <source>Sparade %1 fil(er) i %2</source>
        <translation>Saved %1 file(s) in %2</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Välj mapp för filerna</source>
        <translation>Choose a folder for the files</translation>
    </message>
    <message>
        <source>
… och %1 till</source>
        <translation>
… and %1 more</translation>
    </message>
    <message>
        <source>Det finns %1 planerade dagar utan registrering i %2:</source>
        <translation>There are %1 planned days without a registration in %2:</translation>
    </message>
    <message>
        <source>Vill du attestera ändå? Månaden låses då för ändringar.</source>
        <translation>Attest anyway? The month will then be locked against changes.</translation>
    </message>
    <message>
        <source>Attestera %1? Månaden låses då för ändringar.</source>
        <translation>Attest %1? The month will then be locked against changes.</translation>
    </message>
    <message>
        <source>Attestera månad</source>
        <translation>Attest month</translation>
    </message>
    <message>
        <source>Öppna månad igen</source>
        <translation>Reopen month</translation>
    </message>
    <message>
        <source>Varför öppnas månaden igen?</source>
        <translation>Why is the month being reopened?</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>E-&amp;faktura…</source>
        <translation>E-&amp;invoice…</translation>
    </message>
    <message>
        <source>Peppol-faktura (XML) av den utfärdade versionen som visas, eller av rättelsen</source>
        <translation>Peppol invoice (XML) of the issued version shown, or of the correction</translation>
    </message>
    <message>
        <source>Aktuell redovisning</source>
        <translation>Current statement</translation>
    </message>
    <message>
        <source>Utfärdad version %1 (%2, %3)</source>
        <translation>Issued version %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Rättelse: version %1 mot %2</source>
        <translation>Correction: version %1 against %2</translation>
    </message>
    <message>
        <source>Månaden har inte attesterats: ingen redovisning är utfärdad.</source>
        <translation>The month has not been attested: no statement has been issued.</translation>
    </message>
    <message>
        <source>Rättelsen visar vad som ändrats mellan de två senast utfärdade versionerna.</source>
        <translation>The correction shows what changed between the last two issued versions.</translation>
    </message>
    <message>
        <source>Utfärdad version %1: så som den utfärdades %2 av %3.</source>
        <translation>Issued version %1: as it was issued on %2 by %3.</translation>
    </message>
    <message>
        <source>%1 · rättelse · %2 sidor</source>
        <translation>%1 · correction · %2 pages</translation>
    </message>
    <message>
        <source>E-faktura %1 (%2 kr) sparad i %3</source>
        <translation>E-invoice %1 (SEK %2) saved in %3</translation>
    </message>
    <message>
        <source>Exportera E&amp;xcel…</source>
        <translation>Export E&amp;xcel…</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Statistik</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>&amp;År</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>Skriv &amp;ut…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Spara som &amp;PDF…</source>
        <translation>Save as &amp;PDF…</translation>
    </message>
    <message>
        <source>Exportera till &amp;Excel…</source>
        <translation>Export to &amp;Excel…</translation>
    </message>
    <message>
        <source>Spara för utlä&amp;mning…</source>
        <translation>Save to &amp;hand out…</translation>
    </message>
    <message>
        <source>En PDF att dela ut, till exempel på årsmötet: tal om 1 eller 2 medlemmar slås samman.</source>
        <translation>A PDF to hand out, e.g. at the annual meeting: counts of 1 or 2 members are merged.</translation>
    </message>
    <message>
        <source>Statistik %1</source>
        <translation>Statistics %1</translation>
    </message>
    <message>
        <source>Räknar fram årets siffror…</source>
        <translation>Computing the year&apos;s figures…</translation>
    </message>
    <message>
        <source>Summor av årets månadsredovisningar. %1 av 12 månader attesterade.</source>
        <translation>Sums of the year&apos;s monthly statements. %1 of 12 months attested.</translation>
    </message>
    <message>
        <source>Små tal (1 eller 2 medlemmar) i %1 kan peka ut en enskild medlem: rapporten omfattas av sekretess. ”Spara för utlämning” slår samman de små talen.</source>
        <translation>Small counts (1 or 2 members) in %1 can point out a single member: the report is confidential. “Save to hand out” merges the small counts.</translation>
    </message>
    <message>
        <source>Medlemmar</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Kvinnor / män</source>
        <translation>Women / men</translation>
    </message>
    <message>
        <source>Började / slutade</source>
        <translation>Came / left</translation>
    </message>
    <message>
        <source>Närvarotimmar</source>
        <translation>Hours attended</translation>
    </message>
    <message>
        <source>Planerade timmar</source>
        <translation>Planned hours</translation>
    </message>
    <message>
        <source>Närvaro</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Handledartid, arbetad</source>
        <translation>Supervisor hours worked</translation>
    </message>
    <message>
        <source>Ersättning</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>för utlämning</source>
        <translation>to hand out</translation>
    </message>
    <message>
        <source>Sparade %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 hittills&lt;/b&gt; (t.o.m. %2): %3 medlemmar, %4 närvarotimmar av %5 planerade (%6), %7 närvarodagar, %8 sjukdagar, %9 ej registrerade dagar.</source>
        <translation>&lt;b&gt;%1 so far&lt;/b&gt; (through %2): %3 members, %4 hours attended of %5 planned (%6), %7 days attended, %8 sick days, %9 unregistered days.</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Nytt steg i beslutet</source>
        <translation>New step in the decision</translation>
    </message>
    <message>
        <source>Beslut</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>&amp;Från och med</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Bidragsnivå</source>
        <translation>&amp;Subsidy level</translation>
    </message>
</context>
<context>
    <name>StrikeDialog</name>
    <message>
        <source>Felmarkera anteckning</source>
        <translation>Strike out entry</translation>
    </message>
    <message>
        <source>Lämna tomt om ingen ny anteckning ska skrivas</source>
        <translation>Leave empty if no new entry is to be written</translation>
    </message>
    <message>
        <source>Anteckning</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>&amp;Skäl</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>&amp;Ny anteckning</source>
        <translation>&amp;New entry</translation>
    </message>
</context>
<context>
    <name>SubsidyOutputs</name>
    <message>
        <source>Skriv &amp;ut…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Spara som &amp;PDF…</source>
        <translation>Save &amp;as PDF…</translation>
    </message>
    <message>
        <source>E&amp;xportera till Excel…</source>
        <translation>E&amp;xport to Excel…</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <source>&amp;Gäller från</source>
        <translation>&amp;Valid from</translation>
    </message>
    <message>
        <source>Ny handledare</source>
        <translation>New supervisor</translation>
    </message>
    <message>
        <source>Ändra handledare</source>
        <translation>Edit supervisor</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Tjänstgöringsgrad</source>
        <translation>&amp;FTE</translation>
    </message>
</context>
<context>
    <name>SupervisorsView</name>
    <message>
        <source>&amp;Ny handledare…</source>
        <extracomment>Asked before an entry is removed; tests replace it (a QMessageBox would block them).</extracomment>
        <translation>&amp;New supervisor…</translation>
    </message>
    <message>
        <source>&amp;Ändra…</source>
        <translation>E&amp;dit…</translation>
    </message>
    <message>
        <source>Handledare</source>
        <translation>Supervisors</translation>
    </message>
    <message>
        <source>◂</source>
        <translation>◂</translation>
    </message>
    <message>
        <source>Föregående vecka (Alt+Vänster)</source>
        <translation>Previous week (Alt+Left)</translation>
    </message>
    <message>
        <source>Gå till denna vecka (Ctrl+T)</source>
        <translation>Go to this week (Ctrl+T)</translation>
    </message>
    <message>
        <source>▸</source>
        <translation>▸</translation>
    </message>
    <message>
        <source>Nästa vecka (Alt+Höger)</source>
        <translation>Next week (Alt+Right)</translation>
    </message>
    <message>
        <source>Välj datum (Ctrl+G)</source>
        <translation>Choose a date (Ctrl+G)</translation>
    </message>
    <message>
        <source>t.ex. 7,5</source>
        <translation>e.g. 7.5</translation>
    </message>
    <message>
        <source>&amp;Lägg till</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Lägg till (Enter)</source>
        <translation>Add (Enter)</translation>
    </message>
    <message>
        <source>&amp;Timmar</source>
        <translation>H&amp;ours</translation>
    </message>
    <message>
        <source>A&amp;ktivitet</source>
        <translation>A&amp;ctivity</translation>
    </message>
    <message>
        <source>Arbets&amp;område</source>
        <translation>Work a&amp;rea</translation>
    </message>
    <message>
        <source>&amp;Denna vecka</source>
        <translation>This &amp;week</translation>
    </message>
    <message>
        <source>Dat&amp;um</source>
        <translation>Da&amp;te</translation>
    </message>
    <message>
        <source>Redi&amp;gera…</source>
        <translation>Ed&amp;it…</translation>
    </message>
    <message>
        <source>Ändra den markerade posten (Enter i tabellen)</source>
        <translation>Edit the selected entry (Enter in the table)</translation>
    </message>
    <message>
        <source>Ta &amp;bort</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <source>Ta bort den markerade posten (Delete)</source>
        <translation>Delete the selected entry (Delete)</translation>
    </message>
    <message>
        <source>Timmar per dag:</source>
        <translation>Hours per day:</translation>
    </message>
    <message>
        <source>%1 · tjänstgöringsgrad %2 % · %3: %4 tim</source>
        <extracomment>where the workbook goes (replaced in tests)</extracomment>
        <translation>%1 · FTE %2% · %3: %4 h</translation>
    </message>
    <message>
        <source>Lägg till en handledare först (Ny handledare…).</source>
        <translation>Add a supervisor first (New supervisor…).</translation>
    </message>
    <message>
        <source>%1 är attesterad av %2 %3 och kan inte ändras.</source>
        <translation>%1 was attested by %2 on %3 and cannot be changed.</translation>
    </message>
    <message>
        <source>En administratör kan öppna månaden igen.</source>
        <translation>An administrator can reopen the month.</translation>
    </message>
    <message>
        <source>Handledartid %1 · %2 arbetsdagar · heltidsvecka %3 tim</source>
        <translation>Supervisor hours %1 · %2 working days · full-time week %3 h</translation>
    </message>
    <message>
        <source> · hittills = t.o.m. %1, %2 arbetsdagar</source>
        <translation> · to date = up to %1, %2 working days</translation>
    </message>
    <message>
        <source>Idag räknas med i hittills när alla handledare har skrivit sin tid för dagen.</source>
        <translation>Today counts in the figures to date once every supervisor has logged the day&apos;s time.</translation>
    </message>
    <message>
        <source>Ta bort</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Skriv antalet timmar, till exempel 7,5.</source>
        <translation>Enter the number of hours, for example 7.5.</translation>
    </message>
    <message>
        <source>Ta bort %1 tim %2 %3?</source>
        <translation>Delete %1 h of %2 on %3?</translation>
    </message>
    <message>
        <source>Exportera till E&amp;xcel…</source>
        <translation>Export to E&amp;xcel…</translation>
    </message>
</context>
<context>
    <name>TariffDialog</name>
    <message>
        <source>Ny ersättning – %1</source>
        <translation>New tariff – %1</translation>
    </message>
    <message>
        <source>&amp;Gäller från</source>
        <translation>&amp;Valid from</translation>
    </message>
    <message>
        <source>&amp;Ersättning</source>
        <translation>&amp;Tariff</translation>
    </message>
    <message>
        <source>valfritt</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Lägg till &amp;rad</source>
        <translation>&amp;Add row</translation>
    </message>
    <message>
        <source>Ta &amp;bort rad</source>
        <translation>&amp;Remove row</translation>
    </message>
    <message>
        <source>Beloppet för det högsta intervall som medlemmens omfattning når:</source>
        <translation>The amount for the highest band that the member&apos;s capacity reaches:</translation>
    </message>
    <message>
        <source>Inga belopp: redovisningen visar bara närvaron.</source>
        <translation>No amounts: the statement shows attendance only.</translation>
    </message>
    <message>
        <source>He&amp;ldagsbelopp (kr)</source>
        <extracomment>the form&apos;s rows of each kind, shown only while that kind is chosen</extracomment>
        <translation>F&amp;ull-day amount (SEK)</translation>
    </message>
    <message>
        <source>Minsta tid för &amp;heldag (tim)</source>
        <translation>Minimum time for &amp;full day (h)</translation>
    </message>
    <message>
        <source>Hal&amp;vdagsbelopp (kr)</source>
        <translation>&amp;Half-day amount (SEK)</translation>
    </message>
    <message>
        <source>Minsta tid för h&amp;alvdag (tim)</source>
        <translation>Minimum time for ha&amp;lf day (h)</translation>
    </message>
    <message>
        <source>&amp;Timbelopp (kr)</source>
        <translation>H&amp;ourly amount (SEK)</translation>
    </message>
    <message>
        <source>Ersättningen som gäller den första dagen i en månad gäller hela månaden.</source>
        <translation>The tariff in force on the first day of a month applies to the whole month.</translation>
    </message>
</context>
<context>
    <name>TimeReportTab</name>
    <message>
        <source>◂</source>
        <translation>◂</translation>
    </message>
    <message>
        <source>Föregående månad (Alt+Vänster)</source>
        <translation>Previous month (Alt+Left)</translation>
    </message>
    <message>
        <source>Denna &amp;månad</source>
        <translation>This &amp;month</translation>
    </message>
    <message>
        <source>▸</source>
        <translation>▸</translation>
    </message>
    <message>
        <source>Nästa månad (Alt+Höger)</source>
        <translation>Next month (Alt+Right)</translation>
    </message>
    <message>
        <source>Skriv timmarna och tryck Enter (7,5 = sju och en halv timme). Delete tar bort. Ctrl+Z ångrar. Frånvaro skrivs i timmar i sin kolumn.</source>
        <translation>Type the hours and press Enter (7.5 = seven and a half hours). Delete removes. Ctrl+Z undoes. Absence is written in hours in its column.</translation>
    </message>
    <message>
        <source>Skriv &amp;ut tidrapport…</source>
        <translation>&amp;Print time report…</translation>
    </message>
    <message>
        <source>Spara som &amp;PDF…</source>
        <translation>Save &amp;as PDF…</translation>
    </message>
    <message>
        <source>Tidrapport</source>
        <translation>Time report</translation>
    </message>
    <message>
        <source>Välj en anställd i listan.</source>
        <translation>Choose an employee in the list.</translation>
    </message>
    <message>
        <source>Tidrapport %1 – %2</source>
        <translation>Time report %1 – %2</translation>
    </message>
    <message>
        <source>Månaden är attesterad av %1 och låst för ändringar.</source>
        <translation>The month is attested by %1 and locked for changes.</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>◂ Föregående</source>
        <translation>◂ Previous</translation>
    </message>
    <message>
        <source>Föregående dag (Alt+Vänster)</source>
        <translation>Previous day (Alt+Left)</translation>
    </message>
    <message>
        <source>Idag</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Gå till idag (Ctrl+T)</source>
        <translation>Go to today (Ctrl+T)</translation>
    </message>
    <message>
        <source>Nästa ▸</source>
        <translation>Next ▸</translation>
    </message>
    <message>
        <source>Nästa dag (Alt+Höger)</source>
        <translation>Next day (Alt+Right)</translation>
    </message>
    <message>
        <source>Välj datum (Ctrl+G)</source>
        <translation>Choose a date (Ctrl+G)</translation>
    </message>
    <message>
        <source>Markera alla planerade som närvarande</source>
        <translation>Mark all planned as present</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>planerade</source>
        <translation>planned</translation>
    </message>
    <message>
        <source>alla med beslut</source>
        <translation>all with a placement</translation>
    </message>
    <message>
        <source>/ sök medlem · på vald rad: N närvarande · S sjuk · A anmäld · O oanmäld · L ledig · siffror = timmar · Delete ta bort</source>
        <extracomment>Another PC&apos;s change of a day shown here, or a change that waits for the server: no modal box in the middle of a register typed at speed; the row itself shows the new value. Members whose edit is on its way to the database: their row already shows it (see _set).</extracomment>
        <translation>/ find member · on the chosen row: N present · S sick · A notified · O unnotified · L leave · digits = hours · Delete remove</translation>
    </message>
    <message>
        <source>Ingen planerad</source>
        <translation>Nobody planned</translation>
    </message>
    <message>
        <source> · %1 närvarande på extra dag · %2 tim</source>
        <translation> · %1 present on an extra day · %2 h</translation>
    </message>
    <message>
        <source>Raden syns nu. Tryck igen för att ändra den.</source>
        <translation>The row is in view now. Press again to change it.</translation>
    </message>
    <message>
        <source>Välj en medlem först: pilarna, ett klick eller / för att söka.</source>
        <translation>Choose a member first: the arrows, a click or / to search.</translation>
    </message>
    <message>
        <source>%1 — Ctrl+Z ångrar</source>
        <translation>%1 — Ctrl+Z undoes</translation>
    </message>
    <message>
        <source>%1 planerade markerade som närvarande</source>
        <translation>%1 planned marked as present</translation>
    </message>
    <message>
        <source>Visa:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>%1 är attesterad av %2 och kan inte ändras. En administratör kan öppna månaden igen.</source>
        <translation>%1 has been attested by %2 and cannot be changed. An administrator can reopen the month.</translation>
    </message>
    <message>
        <source>Ingen medlem har ett beslut som gäller den här dagen. Lägg till medlemmar och beslut under Medlemmar (Ctrl+3), eller importera en fil under Arkiv → Importera.</source>
        <translation>No member has a placement in force on this day. Add members and placements under Members (Ctrl+3), or import a file under File → Import.</translation>
    </message>
    <message>
        <source>%1: helgdag. Ingen är planerad.</source>
        <translation>%1: public holiday. No one is planned.</translation>
    </message>
    <message>
        <source>Stängningsdag: kooperativet har stängt. Ingen är planerad.</source>
        <translation>Closure day: the cooperative is closed. No one is planned.</translation>
    </message>
    <message>
        <source>Kooperativet har inte öppet den här dagen. Närvaro blir extra dagar.</source>
        <translation>The cooperative is not open on this day. Attendance counts as extra days.</translation>
    </message>
    <message>
        <source>En dag framåt i tiden: bara ledighet och anmäld frånvaro kan registreras.</source>
        <translation>A day in the future: only leave and notified absence can be registered.</translation>
    </message>
    <message>
        <source>%1 av %2 registrerade · %3 av %4 tim</source>
        <translation>%1 of %2 registered · %3 of %4 h</translation>
    </message>
</context>
<context>
    <name>TodoModel</name>
    <message>
        <source>Senast</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Att göra</source>
        <translation>To do</translation>
    </message>
</context>
<context>
    <name>TodoView</name>
    <message>
        <source>Att göra</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>%1 att göra, varav %2 försenade.</source>
        <translation>%1 to do, %2 of them overdue.</translation>
    </message>
    <message>
        <source>Inget att göra.</source>
        <translation>Nothing to do.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Användare</source>
        <extracomment>Asked before an account is made inactive; tests replace it.</extracomment>
        <translation>Users</translation>
    </message>
    <message>
        <source>&amp;Ny användare…</source>
        <translation>&amp;New user…</translation>
    </message>
    <message>
        <source>Nytt &amp;lösenord…</source>
        <translation>New &amp;password…</translation>
    </message>
    <message>
        <source>Gör &amp;inaktiv</source>
        <translation>Make &amp;inactive</translation>
    </message>
    <message>
        <source>Gör till &amp;administratör</source>
        <translation>Make &amp;administrator</translation>
    </message>
    <message>
        <source>Ett konto tas aldrig bort, eftersom händelseloggen nämner det: det görs inaktivt. Det finns alltid minst en aktiv administratör.</source>
        <translation>An account is never deleted, because the audit log names it: it is made inactive. There is always at least one active administrator.</translation>
    </message>
    <message>
        <source>Gör &amp;aktiv…</source>
        <translation>Make &amp;active…</translation>
    </message>
    <message>
        <source>Gör till &amp;handledare</source>
        <translation>Make &amp;supervisor</translation>
    </message>
    <message>
        <source>Nytt lösenord</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Gör aktiv</source>
        <translation>Make active</translation>
    </message>
    <message>
        <source>Göra %1 inaktiv? Kontot kan inte längre logga in.</source>
        <translation>Make %1 inactive? The account can no longer log in.</translation>
    </message>
</context>
<context>
    <name>WageCostDialog</name>
    <message>
        <source>Lönekostnad</source>
        <translation>Wage cost</translation>
    </message>
    <message>
        <source>lön och arbetsgivaravgifter per månad, kr</source>
        <translation>salary and employer&apos;s fees per month, SEK</translation>
    </message>
    <message>
        <source>Gäller från och med ett datum</source>
        <translation>From a date on</translation>
    </message>
    <message>
        <source>Bara en månad (månadens egen)</source>
        <translation>One month only (the month&apos;s own)</translation>
    </message>
    <message>
        <source>ÅÅÅÅ-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>&amp;Belopp</source>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>&amp;Gäller</source>
        <translation>&amp;Applies</translation>
    </message>
    <message>
        <source>&amp;Från och med</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Månad</source>
        <translation>&amp;Month</translation>
    </message>
</context>
<context>
    <name>WorkAreaDialog</name>
    <message>
        <source>Nytt arbetsområde</source>
        <translation>New work area</translation>
    </message>
    <message>
        <source>Byt namn på arbetsområde</source>
        <translation>Rename work area</translation>
    </message>
    <message>
        <source>&amp;Namn</source>
        <translation>&amp;Name</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <source>Från början</source>
        <translation>From the start</translation>
    </message>
    <message>
        <source>Från %1</source>
        <translation>From %1</translation>
    </message>
    <message>
        <source>Stadsdel</source>
        <translation>City district</translation>
    </message>
    <message>
        <source>Kommun</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <source>Ingen</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Per dag</source>
        <translation>Per day</translation>
    </message>
    <message>
        <source>Per timme</source>
        <translation>Per hour</translation>
    </message>
    <message>
        <source>Per månad</source>
        <translation>Per month</translation>
    </message>
    <message>
        <source> (minst %1 tim)</source>
        <translation> (at least %1 h)</translation>
    </message>
    <message>
        <source>heldag %1</source>
        <translation>full day %1</translation>
    </message>
    <message>
        <source>halvdag %1</source>
        <translation>half day %1</translation>
    </message>
    <message>
        <source>från %1 % %2</source>
        <translation>from %1% %2</translation>
    </message>
    <message>
        <source>Namn</source>
        <extracomment>A placement ending within this many days of today gets the &quot;Beslutet upphör snart&quot; mark.
----------
Members whose day waits to be saved (the server cannot be reached): shown in italics. Edits go through the view (and so through the services and the undo stack).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Blir</source>
        <translation>Becomes</translation>
    </message>
    <message>
        <source>Sista beslut till och med</source>
        <translation>Last decision until</translation>
    </message>
    <message>
        <source>Beslut</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Kontakt</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Visa fullständigt personnummer</source>
        <translation>Show full personal identity number</translation>
    </message>
    <message>
        <source> · värdstadsdel</source>
        <translation> · host district</translation>
    </message>
    <message>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Nej</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Från</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Till och med</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Ersättning</source>
        <translation>Tariff</translation>
    </message>
    <message>
        <source>tills vidare</source>
        <translation>until further notice</translation>
    </message>
    <message>
        <source>Gäller denna månad</source>
        <translation>In force this month</translation>
    </message>
    <message>
        <source>Lägsta omfattning (%)</source>
        <translation>Minimum capacity (%)</translation>
    </message>
    <message>
        <source>Belopp (kr)</source>
        <translation>Amount (SEK)</translation>
    </message>
    <message>
        <source>Personnummer</source>
        <translation>Personal identity number</translation>
    </message>
    <message>
        <source>Beställare</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Beslut t.o.m.</source>
        <translation>Placement ends</translation>
    </message>
    <message>
        <source>Omfattning</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>Huvudsakligt arbetsområde</source>
        <translation>Primary work area</translation>
    </message>
    <message>
        <source>Beslut från %1</source>
        <translation>Decision from %1</translation>
    </message>
    <message>
        <source>Inget aktivt beslut</source>
        <translation>No active placement</translation>
    </message>
    <message>
        <source>Beslutet upphör snart (%1)</source>
        <translation>Placement ends soon (%1)</translation>
    </message>
    <message>
        <source>Inget aktivt beslut. Nästa beslut gäller från %1.</source>
        <translation>No active placement. The next placement starts on %1.</translation>
    </message>
    <message>
        <source>Inget aktivt beslut. Det senaste upphörde %1.</source>
        <translation>No active placement. The last one ended on %1.</translation>
    </message>
    <message>
        <source>Beslutet upphör snart</source>
        <translation>Placement ends soon</translation>
    </message>
    <message>
        <source>Beslutsnummer</source>
        <translation>Decision reference</translation>
    </message>
    <message>
        <source>Biståndshandläggare</source>
        <translation>Case worker</translation>
    </message>
    <message>
        <source>Från och med</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Sysselsättning</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>Gäller</source>
        <translation>Applies</translation>
    </message>
    <message>
        <source>Lönekostnad per månad</source>
        <translation>Wage cost per month</translation>
    </message>
    <message>
        <source>Gäller idag</source>
        <translation>In force today</translation>
    </message>
    <message>
        <source>Planerade veckodagar</source>
        <translation>Planned weekdays</translation>
    </message>
    <message>
        <source>Datum</source>
        <extracomment>Whose closure days are shown; 0: all years. Asked before a closure day is removed; tests replace it (a QMessageBox would block them).</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <source>Planerad tid</source>
        <translation>Planned hours</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Närvarotid</source>
        <translation>Attended hours</translation>
    </message>
    <message>
        <source>Arbetsområde</source>
        <extracomment>Each work area&apos;s version as the list shows it, passed back when it is renamed.</extracomment>
        <translation>Work area</translation>
    </message>
    <message>
        <source> (extra dag)</source>
        <translation> (extra day)</translation>
    </message>
    <message>
        <source>Planerat</source>
        <extracomment>A cell of a day without a placement: hatched grey, never editable. A prepared cell: what Qt&apos;s item delegate asks for on every paint (QStyledItemDelegate::initStyleOption), by slot, then the cell&apos;s flags. The slot of each role a prepared cell answers (the roles as ints: that is how Qt passes them). Roles the delegate asks for that no cell of the grid has: answered without looking at the cell. Each row&apos;s prepared cells (see the module&apos;s docstring), made when the row is first painted; None until then. Emptied for a row when it changes, for all when the grid, ``through`` or ``read_only`` change. The background of each day column where there is no record: the day&apos;s shading. Edits go through the view (and so through the services and the undo stack).</extracomment>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Närvaro</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Närvarograd</source>
        <translation>Attendance rate</translation>
    </message>
    <message>
        <source>hittills</source>
        <translation>to date</translation>
    </message>
    <message>
        <source>hela månaden</source>
        <translation>whole month</translation>
    </message>
    <message>
        <source>Planerad tid (timmar)</source>
        <translation>Planned hours</translation>
    </message>
    <message>
        <source>Närvarotid (timmar)</source>
        <translation>Attended hours</translation>
    </message>
    <message>
        <source>Närvarograd: närvarotid / planerad tid × 100</source>
        <translation>Attendance rate: attended hours / planned hours × 100</translation>
    </message>
    <message>
        <source>Hela månaden</source>
        <translation>Whole month</translation>
    </message>
    <message>
        <source>Hittills i månaden (inga dagar ännu)</source>
        <translation>Month to date (no days yet)</translation>
    </message>
    <message>
        <source>Hittills i månaden (t.o.m. %1)</source>
        <translation>Month to date (up to %1)</translation>
    </message>
    <message>
        <source>Helgdag: %1</source>
        <translation>Public holiday: %1</translation>
    </message>
    <message>
        <source>Stängningsdag</source>
        <translation>Closure day</translation>
    </message>
    <message>
        <source>Kooperativet har inte öppet den här veckodagen</source>
        <translation>The cooperative is not open on this weekday</translation>
    </message>
    <message>
        <source>%1 av %2 planerade timmar</source>
        <translation>%1 of %2 planned hours</translation>
    </message>
    <message>
        <source>Inget beslut gäller den här dagen</source>
        <translation>No placement applies on this day</translation>
    </message>
    <message>
        <source>Planerat %1 tim</source>
        <translation>Planned %1 h</translation>
    </message>
    <message>
        <source>tim</source>
        <translation>h</translation>
    </message>
    <message>
        <source>Inte planerad</source>
        <translation>Not planned</translation>
    </message>
    <message>
        <source>Timmar, t.ex. 7,5. Enter sparar, Esc avbryter, tomt tar bort.</source>
        <translation>Hours, e.g. 7.5. Enter saves, Esc cancels, empty deletes.</translation>
    </message>
    <message>
        <source>Veckodag</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>(inget)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Tjänstgöringsgrad</source>
        <translation>FTE</translation>
    </message>
    <message>
        <source>Timmar</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Aktivitet</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Arbetad</source>
        <translation>Worked</translation>
    </message>
    <message>
        <source>Sjuk</source>
        <translation>Sick</translation>
    </message>
    <message>
        <source>Semester</source>
        <translation>Vacation</translation>
    </message>
    <message>
        <source>Vab</source>
        <translation>Child care</translation>
    </message>
    <message>
        <source>Tjänstledig</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>Annan frånvaro</source>
        <translation>Other absence</translation>
    </message>
    <message>
        <source>%1 från %2</source>
        <translation>%1 from %2</translation>
    </message>
    <message>
        <source>Syss.</source>
        <translation>Empl.</translation>
    </message>
    <message>
        <source>Lönekostnad</source>
        <translation>Wage cost</translation>
    </message>
    <message>
        <source>Bidrag</source>
        <translation>Subsidy</translation>
    </message>
    <message>
        <source>Stödform</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Tak (heltid)</source>
        <translation>Ceiling (full time)</translation>
    </message>
    <message>
        <source>Nivåer</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>Summa</source>
        <extracomment>Edits go through the view (the command, the undo stack): (day, kind, text) → saved?</extracomment>
        <translation>Total</translation>
    </message>
    <message>
        <source>Anställd</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Tak</source>
        <translation>Ceiling</translation>
    </message>
    <message>
        <source>Nivå</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Dagar</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Månadens egen lönekostnad</source>
        <translation>The month&apos;s own wage cost</translation>
    </message>
    <message>
        <source>%1 av %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Handledare</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Finansierad tid</source>
        <translation>Funded hours</translation>
    </message>
    <message>
        <source>Arbetad tid</source>
        <translation>Worked hours</translation>
    </message>
    <message>
        <source>Frånvaro</source>
        <translation>Absence</translation>
    </message>
    <message>
        <source>Avvikelse</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Att kontrollera (hindrar inte att spara):</source>
        <translation>To check (does not block saving):</translation>
    </message>
    <message>
        <source>Omf.</source>
        <translation>Cap.</translation>
    </message>
    <message>
        <source>Tim</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Område</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Inte planerad i dag: närvaro blir en extra dag</source>
        <translation>Not planned today: attendance counts as an extra day</translation>
    </message>
    <message>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Användare</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Händelse</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Medlem</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Vad</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Före</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Efter</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Fält</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Användarnamn</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Roll</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Senast inloggad</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nej</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Väntar på att sparas: ingen kontakt med databasservern just nu.</source>
        <translation>Waiting to be saved: no contact with the database server right now.</translation>
    </message>
    <message>
        <source>Sök med / eller Ctrl+F</source>
        <translation>Search with / or Ctrl+F</translation>
    </message>
    <message>
        <source>%1 tim</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>Hitta medlem (/ eller Ctrl+F)</source>
        <translation>Find a member (/ or Ctrl+F)</translation>
    </message>
    <message>
        <source>Ingen medlem här heter ”%1”.</source>
        <translation>No member here is called “%1”.</translation>
    </message>
    <message>
        <source>Ångrat: %1 — Ctrl+Y gör om</source>
        <translation>Undone: %1 — Ctrl+Y redoes</translation>
    </message>
    <message>
        <source>Gjort om: %1</source>
        <translation>Redone: %1</translation>
    </message>
    <message>
        <source>Timmar som inte är sparade</source>
        <translation>Hours not saved</translation>
    </message>
    <message>
        <source>Timmarna ”%1” för %2 är inte sparade (Enter sparar).</source>
        <translation>The hours “%1” for %2 are not saved (Enter saves).</translation>
    </message>
    <message>
        <source>Timmarna ”%1” som skrevs i närvaron är inte sparade.</source>
        <translation>The hours “%1” typed in the register are not saved.</translation>
    </message>
    <message>
        <source>Spara dem, släng dem, eller avbryt och skriv klart.</source>
        <translation>Save them, discard them, or cancel and finish typing.</translation>
    </message>
    <message>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>S&amp;läng</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Månader</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Importera från kalkylblad</source>
        <translation>Import from spreadsheet</translation>
    </message>
    <message>
        <source>Kalkylblad (*.xlsx *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>Skapas: %1 medlemmar, %2 beslut, %3 omfattningar.</source>
        <translation>To be created: %1 members, %2 placements, %3 capacity periods.</translation>
    </message>
    <message>
        <source>Närvaro %1: %2 dagar närvarande, %3 frånvarodagar.</source>
        <translation>Attendance %1: %2 days present, %3 days absent.</translation>
    </message>
    <message>
        <source>Finns redan och skapas inte igen: %1 medlemmar, %2 närvarodagar.</source>
        <translation>Already there, not created again: %1 members, %2 attendance days.</translation>
    </message>
    <message>
        <source>%1 fel: inget kan importeras förrän de är rättade i kalkylbladet.</source>
        <translation>%1 problems: nothing can be imported until they are corrected in the spreadsheet.</translation>
    </message>
    <message>
        <source>Inget nytt att importera: allt i filen finns redan.</source>
        <translation>Nothing new to import: everything in the file is already there.</translation>
    </message>
    <message>
        <source>Inga fel. Allt importeras på en gång, eller inget.</source>
        <translation>No problems. Everything is imported at once, or nothing.</translation>
    </message>
    <message>
        <source>Medlemsblad</source>
        <translation>Member sheet</translation>
    </message>
    <message>
        <source>Månadsblad (%1)</source>
        <translation>Month sheet (%1)</translation>
    </message>
    <message>
        <source>Dolt blad, läses inte</source>
        <translation>Hidden sheet, not read</translation>
    </message>
    <message>
        <source>Inte valt</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <source>Läses inte (varken medlemsblad eller månadsblad)</source>
        <translation>Not read (neither a member sheet nor a month sheet)</translation>
    </message>
    <message>
        <source>(lämnas utanför)</source>
        <translation>(left out)</translation>
    </message>
    <message>
        <source>Dag %1</source>
        <translation>Day %1</translation>
    </message>
    <message>
        <source>Blad</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Tolkas som</source>
        <translation>Taken as</translation>
    </message>
    <message>
        <source>Rubrikrad</source>
        <translation>Header row</translation>
    </message>
    <message>
        <source>Lämnas utanför</source>
        <translation>Left out</translation>
    </message>
    <message>
        <source>Kolumn</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Rubrik</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Läses som</source>
        <translation>Read as</translation>
    </message>
    <message>
        <source>Rad</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Värde</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Fel</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Sparade %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Exportera till Excel</source>
        <translation>Export to Excel</translation>
    </message>
</context>
</TS>
