<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AfterSection</name>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="62"/>
        <source>After the session</source>
        <translation>Después de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="64"/>
        <source>Finished at</source>
        <translation>Terminó a las</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="65"/>
        <source>Session finished</source>
        <translation>Sesión terminada</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="68"/>
        <source>Finish time</source>
        <translation>Hora de fin</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="76"/>
        <source>Post-care products given</source>
        <translation>Productos de cuidado posterior entregados</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="77"/>
        <location filename="../../ui/session_form/outcome.py" line="80"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="78"/>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="79"/>
        <source>Post-care</source>
        <translation>Cuidados posteriores</translation>
    </message>
</context>
<context>
    <name>AftercarePreviewDialog</name>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="180"/>
        <source>Aftercare sheet for {0}</source>
        <translation>Hoja de cuidados para {0}</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="190"/>
        <source>Preparing the sheet…</source>
        <translation>Preparando la hoja…</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="192"/>
        <source>The sheet is being prepared</source>
        <translation>La hoja se está preparando</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="198"/>
        <source>Pages of the aftercare sheet</source>
        <translation>Páginas de la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="205"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="207"/>
        <source>Save the sheet as a PDF file (Ctrl+S)</source>
        <translation>Guardar la hoja como archivo PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="210"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="212"/>
        <source>Print the sheet for the patient (Ctrl+P)</source>
        <translation>Imprimir la hoja para el paciente (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="216"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="234"/>
        <source>Language of the sheet</source>
        <translation>Idioma de la hoja</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="236"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="238"/>
        <source>Lar&amp;ge print</source>
        <translation>Letra &amp;grande</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="240"/>
        <source>Body text of 16 points or more</source>
        <translation>Texto de 16 puntos o más</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="255"/>
        <source>Translation not reviewed</source>
        <translation>Traducción sin revisar</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="316"/>
        <location filename="../../ui/aftercare_dialog.py" line="318"/>
        <source>Aftercare sheet</source>
        <translation>Hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="340"/>
        <source>The {0} text of this sheet has not been reviewed by a fluent clinician yet. Check it with the patient before they rely on it; this note is not printed.</source>
        <translation>El texto en {0} de esta hoja aún no lo ha revisado un profesional clínico que domine el idioma. Compruébelo con el paciente antes de que se fíe de él; esta nota no se imprime.</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="354"/>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="361"/>
        <source>1 page</source>
        <translation>1 página</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="361"/>
        <source>{0} pages</source>
        <translation>{0} páginas</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="368"/>
        <source>Check before printing:</source>
        <translation>Compruebe antes de imprimir:</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="386"/>
        <source>Warnings about the aftercare sheet</source>
        <translation>Avisos sobre la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="394"/>
        <source>No printer is installed on this computer. Save the sheet as a PDF (Save PDF…) to print it elsewhere, or add a printer in the system settings and try again.</source>
        <translation>No hay ninguna impresora instalada en este ordenador. Guarde la hoja como PDF (Guardar PDF…) para imprimirla en otro sitio, o añada una impresora en la configuración del sistema y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="400"/>
        <location filename="../../ui/aftercare_dialog.py" line="443"/>
        <source>Print aftercare sheet</source>
        <translation>Imprimir hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="424"/>
        <source>The printer {0} is stopped and does not accept the sheet. Restart it in the system&apos;s printer settings, choose another printer, or save the sheet as a PDF.</source>
        <translation>La impresora {0} está detenida y no acepta la hoja. Reiníciela en la configuración de impresoras del sistema, elija otra impresora o guarde la hoja como PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="432"/>
        <source>The printer could not be started. Check that it is switched on and try again, or save the sheet as a PDF.</source>
        <translation>No se ha podido iniciar la impresora. Compruebe que está encendida y vuelva a intentarlo, o guarde la hoja como PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="451"/>
        <location filename="../../ui/aftercare_dialog.py" line="460"/>
        <location filename="../../ui/aftercare_dialog.py" line="482"/>
        <source>Save aftercare sheet</source>
        <translation>Guardar hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="453"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/aftercare_dialog.py" line="461"/>
        <source>{0} already exists. Replace it?</source>
        <translation>{0} ya existe. ¿Reemplazarlo?</translation>
    </message>
</context>
<context>
    <name>AftercareStep</name>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="42"/>
        <location filename="../../ui/visit/aftercare_step.py" line="43"/>
        <location filename="../../ui/visit/aftercare_step.py" line="45"/>
        <source>Aftercare sheet</source>
        <translation>Hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="48"/>
        <source>Give the patient the aftercare sheet: each care step with its calendar date, the warning signs with the clinic&apos;s phone number, and the next appointment. Preview it, then print it or save it as a PDF.</source>
        <translation>Entregue al paciente la hoja de cuidados: cada paso de cuidado con su fecha en el calendario, los signos de alarma con el teléfono de la clínica y la próxima cita. Revísela en la vista previa y después imprímala o guárdela como PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="54"/>
        <source>What the aftercare sheet holds</source>
        <translation>Qué contiene la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="57"/>
        <source>Aftercare sheet state</source>
        <translation>Estado de la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="58"/>
        <source>Preview and print the sheet…</source>
        <translation>Ver e imprimir la hoja…</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="60"/>
        <source>Preview and print the aftercare sheet</source>
        <translation>Ver e imprimir la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="61"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="62"/>
        <source>Preview and print the aftercare sheet (Ctrl+P)</source>
        <translation>Ver e imprimir la hoja de cuidados (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="64"/>
        <source>Book the next visit…</source>
        <translation>Reservar la próxima visita…</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="66"/>
        <source>Book the next visit at a safe date</source>
        <translation>Reservar la próxima visita en una fecha segura</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="68"/>
        <source>Book the next visit at a safe date; the sheet then prints it</source>
        <translation>Reservar la próxima visita en una fecha segura; la hoja la imprime después</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="71"/>
        <source>Then Finish (Alt+Right) closes the visit.</source>
        <translation>Después, Terminar (Alt+Right) cierra la visita.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="72"/>
        <source>How to finish</source>
        <translation>Cómo terminar</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="80"/>
        <source>Pages of the aftercare sheet</source>
        <translation>Páginas de la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="127"/>
        <source>Page {0}</source>
        <translation>Página {0}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="141"/>
        <source>Not printed yet for this session.</source>
        <translation>Aún no se ha impreso para esta sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="145"/>
        <source>Printed on {0}.</source>
        <translation>Impresa el {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/aftercare_step.py" line="149"/>
        <source>Sent to the printer.</source>
        <translation>Enviada a la impresora.</translation>
    </message>
</context>
<context>
    <name>AftercareTemplateSettings</name>
    <message>
        <location filename="../../ui/template_settings.py" line="31"/>
        <source>Language of the template</source>
        <translation>Idioma de la plantilla</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="35"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="42"/>
        <source>Aftercare template in use</source>
        <translation>Plantilla de cuidados en uso</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="46"/>
        <source>Make an editable copy</source>
        <translation>Hacer una copia editable</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="47"/>
        <source>Open the templates folder</source>
        <translation>Abrir la carpeta de plantillas</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="48"/>
        <source>Reset to the default wording</source>
        <translation>Volver al texto predeterminado</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="61"/>
        <source>The aftercare sheet&apos;s texts come from a template. Make an editable copy, change its wording in any text editor, and every sheet printed from then on uses it. If the copy cannot be read, Chairside says which line is wrong and prints with the default wording.</source>
        <translation>Los textos de la hoja de cuidados vienen de una plantilla. Haga una copia editable, cambie el texto con cualquier editor de texto y todas las hojas que se impriman a partir de entonces la usarán. Si la copia no se puede leer, Chairside indica qué línea está mal e imprime con el texto predeterminado.</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="85"/>
        <source>In use: the clinic&apos;s own copy, {0}</source>
        <translation>En uso: la copia propia de la clínica, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="87"/>
        <source>In use: the default wording shipped with Chairside.</source>
        <translation>En uso: el texto predeterminado que trae Chairside.</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="93"/>
        <source>This translation has not been reviewed by a fluent clinician yet.</source>
        <translation>Esta traducción aún no la ha revisado un profesional clínico que domine el idioma.</translation>
    </message>
    <message>
        <location filename="../../ui/template_settings.py" line="116"/>
        <source>The clinic&apos;s copy was kept as {0}.</source>
        <translation>La copia de la clínica se ha guardado como {0}.</translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="33"/>
        <source>Amend the signed record</source>
        <translation>Enmendar el registro firmado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="43"/>
        <source>depth (mm)</source>
        <translation>profundidad (mm)</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="44"/>
        <source>passes</source>
        <translation>pasadas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="45"/>
        <source>speed</source>
        <translation>velocidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="46"/>
        <source>endpoint</source>
        <translation>punto final</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="47"/>
        <source>notes</source>
        <translation>notas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="51"/>
        <source>lot</source>
        <translation>lote</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="51"/>
        <source>expiry</source>
        <translation>caducidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="55"/>
        <source>Field to amend</source>
        <translation>Campo que enmendar</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="57"/>
        <location filename="../../ui/session_form/amend_dialog.py" line="66"/>
        <source>Current value</source>
        <translation>Valor actual</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="59"/>
        <location filename="../../ui/session_form/amend_dialog.py" line="67"/>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="63"/>
        <source>Reason for the amendment</source>
        <translation>Motivo de la enmienda</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="65"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="68"/>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="69"/>
        <source>Dates as 2026-11-17, times as 2026-11-17 10:30, yes/no for ticks.</source>
        <translation>Fechas como 2026-11-17, horas como 2026-11-17 10:30, sí/no para las casillas.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="75"/>
        <source>Record amendment</source>
        <translation>Registrar la enmienda</translation>
    </message>
</context>
<context>
    <name>AmendmentsBox</name>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="108"/>
        <location filename="../../ui/session_form/amend_dialog.py" line="113"/>
        <source>Amendments</source>
        <translation>Enmiendas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="128"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/amend_dialog.py" line="137"/>
        <source>No amendments.</source>
        <translation>Sin enmiendas.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../ui/audit_table_model.py" line="36"/>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="37"/>
        <source>Changed</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="38"/>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="39"/>
        <source>Amended</source>
        <translation>Enmendado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="40"/>
        <source>Overrode verdict</source>
        <translation>Veredicto anulado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="41"/>
        <source>Exported</source>
        <translation>Exportado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="42"/>
        <source>Printed</source>
        <translation>Impreso</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="43"/>
        <source>Erased</source>
        <translation>Borrado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="44"/>
        <source>Signed in</source>
        <translation>Sesión iniciada</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="45"/>
        <source>Wrong PIN</source>
        <translation>PIN incorrecto</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="46"/>
        <source>Signed out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="47"/>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="48"/>
        <source>Backed up</source>
        <translation>Copia de seguridad hecha</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="49"/>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="50"/>
        <source>Sealed</source>
        <translation>Sellado</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="72"/>
        <source>Fields: {0}</source>
        <translation>Campos: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="107"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="108"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="109"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="110"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="111"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="112"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="179"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_table_model.py" line="189"/>
        <source>Workstation: {0}</source>
        <translation>Puesto: {0}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../ui/audit_view.py" line="48"/>
        <location filename="../../ui/audit_view.py" line="116"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="49"/>
        <source>Any action</source>
        <translation>Cualquier acción</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="249"/>
        <source>Reading the audit trail…</source>
        <translation>Leyendo el registro de auditoría…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="54"/>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="55"/>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="66"/>
        <source>Between</source>
        <translation>Entre</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="70"/>
        <source>From date</source>
        <translation>Desde la fecha</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="70"/>
        <source>To date</source>
        <translation>Hasta la fecha</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="78"/>
        <source>Words in the description</source>
        <translation>Palabras de la descripción</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="79"/>
        <source>Search the audit trail</source>
        <translation>Buscar en el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="83"/>
        <source>The audit chain has not been checked yet.</source>
        <translation>La cadena de auditoría aún no se ha comprobado.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="85"/>
        <source>Audit chain check</source>
        <translation>Comprobación de la cadena de auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="87"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="93"/>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="61"/>
        <location filename="../../ui/audit_view.py" line="120"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="62"/>
        <source>Any patient: type a name</source>
        <translation>Cualquier paciente: escriba un nombre</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="111"/>
        <source>The selected entry</source>
        <translation>La entrada seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="124"/>
        <source>and</source>
        <translation>y</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="128"/>
        <source>&amp;Back to patients</source>
        <translation>&amp;Volver a los pacientes</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="129"/>
        <source>Back to the patient list</source>
        <translation>Volver a la lista de pacientes</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="191"/>
        <source>Patient {0}</source>
        <translation>Paciente {0}</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="207"/>
        <source>empty</source>
        <translation>vacío</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="210"/>
        <source>Audit chain verified: {0} entries checked; head {1}.</source>
        <translation>Cadena de auditoría verificada: {0} entradas comprobadas; cabeza {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="216"/>
        <source>Audit chain broken: {0}</source>
        <translation>Cadena de auditoría rota: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="233"/>
        <source>{0}+ entries (scroll for more)</source>
        <translation>{0}+ entradas (desplácese para ver más)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="235"/>
        <source>{0} entries</source>
        <translation>{0} entradas</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../ui/session_form/autosave.py" line="82"/>
        <source>Changes not saved yet</source>
        <translation>Cambios aún sin guardar</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/autosave.py" line="97"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/autosave.py" line="104"/>
        <source>Saved {time}</source>
        <translation>Guardado {time}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/autosave.py" line="115"/>
        <source>Someone else saved this draft meanwhile.</source>
        <translation>Otra persona ha guardado este borrador mientras tanto.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/autosave.py" line="123"/>
        <source>Unexpected error: {0}</source>
        <translation>Error inesperado: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/autosave.py" line="126"/>
        <source>Not saved: {reason} What you typed is kept on screen.</source>
        <translation>No guardado: {reason} Lo que ha escrito se mantiene en pantalla.</translation>
    </message>
</context>
<context>
    <name>BackupBanner</name>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="22"/>
        <source>Backup warning</source>
        <translation>Aviso de copia de seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="24"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="25"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="43"/>
        <source>No backup has been made yet.</source>
        <translation>Aún no se ha hecho ninguna copia de seguridad.</translation>
    </message>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="46"/>
        <source>No backup for 1 day.</source>
        <translation>Sin copia de seguridad desde hace 1 día.</translation>
    </message>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="48"/>
        <source>No backup for {0} days.</source>
        <translation>Sin copia de seguridad desde hace {0} días.</translation>
    </message>
    <message>
        <location filename="../../ui/audit/backup_banner.py" line="56"/>
        <source>Backing up…</source>
        <translation>Haciendo copia de seguridad…</translation>
    </message>
</context>
<context>
    <name>BackupSettingsPage</name>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="42"/>
        <location filename="../../ui/backup_settings_page.py" line="68"/>
        <location filename="../../ui/backup_settings_page.py" line="116"/>
        <source>Backup folder</source>
        <translation>Carpeta de copias de seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="44"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="48"/>
        <source>Backups to keep</source>
        <translation>Copias que conservar</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="49"/>
        <source>Back up when Chairside closes (at most once a day)</source>
        <translation>Hacer copia al cerrar Chairside (como mucho una vez al día)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="52"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="53"/>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="54"/>
        <source>Lock after idle minutes</source>
        <translation>Bloquear tras minutos de inactividad</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="56"/>
        <location filename="../../ui/backup_settings_page.py" line="71"/>
        <source>Last backup</source>
        <translation>Última copia de seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="57"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="58"/>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurar una copia…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="69"/>
        <source>&amp;Keep the last</source>
        <translation>&amp;Conservar las últimas</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="72"/>
        <source>&amp;Lock the window after</source>
        <translation>&amp;Bloquear la ventana tras</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="93"/>
        <source>None yet on this workstation</source>
        <translation>Ninguna aún en este puesto</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="98"/>
        <source>{0} (today)</source>
        <translation>{0} (hoy)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="100"/>
        <source>{0} (1 day ago)</source>
        <translation>{0} (hace 1 día)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_settings_page.py" line="102"/>
        <source>{0} ({1} days ago)</source>
        <translation>{0} (hace {1} días)</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/booking_dialog.py" line="69"/>
        <source>Book the next visit</source>
        <translation>Reservar la próxima visita</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="71"/>
        <source>Reading the earliest safe date…</source>
        <translation>Leyendo la primera fecha segura…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="73"/>
        <source>Earliest safe date</source>
        <translation>Primera fecha segura</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="86"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="88"/>
        <location filename="../../ui/booking_dialog.py" line="97"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="90"/>
        <location filename="../../ui/booking_dialog.py" line="92"/>
        <source>Reason for an earlier date</source>
        <translation>Motivo de una fecha anterior</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="91"/>
        <source>Needed only before the earliest safe date</source>
        <translation>Solo hace falta antes de la primera fecha segura</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="94"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="95"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="96"/>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="102"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="105"/>
        <source>Save the &amp;calendar file…</source>
        <translation>Guardar el archivo de &amp;calendario…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="106"/>
        <source>An .ics file for the patient&apos;s own calendar</source>
        <translation>Un archivo .ics para el calendario del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="110"/>
        <source>Or the patient scans the code with the phone&apos;s camera to add the visit to their calendar (the same as the calendar file: no health details).</source>
        <translation>O el paciente escanea el código con la cámara del teléfono para añadir la visita a su calendario (lo mismo que el archivo de calendario: ningún dato de salud).</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="117"/>
        <source>QR code of the appointment for the calendar</source>
        <translation>Código QR de la cita para el calendario</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="121"/>
        <source>&amp;Book</source>
        <translation>&amp;Reservar</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="145"/>
        <source>Nothing holds the next session back.</source>
        <translation>Nada retrasa la próxima sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="148"/>
        <source>Earliest safe date: {0} ({1}).</source>
        <translation>Primera fecha segura: {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="157"/>
        <source>Deferred until resolved (does not move the date): {0}</source>
        <translation>Aplazado hasta que se resuelva (no mueve la fecha): {0}</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="179"/>
        <source>This is before the earliest safe date: give the reason.</source>
        <translation>Es anterior a la primera fecha segura: indique el motivo.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="208"/>
        <source>Booked for {0}.</source>
        <translation>Reservada para el {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="213"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="235"/>
        <location filename="../../ui/booking_dialog.py" line="258"/>
        <source>Save the calendar file</source>
        <translation>Guardar el archivo de calendario</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="237"/>
        <source>Calendar files (*.ics)</source>
        <translation>Archivos de calendario (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="262"/>
        <source>Calendar file saved to {0}.</source>
        <translation>Archivo de calendario guardado en {0}.</translation>
    </message>
</context>
<context>
    <name>CarriedSection</name>
    <message>
        <location filename="../../ui/session_form/carried.py" line="19"/>
        <source>From last time ({0})</source>
        <translation>De la última vez ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/carried.py" line="20"/>
        <location filename="../../ui/session_form/carried.py" line="23"/>
        <source>Settings from last time</source>
        <translation>Ajustes de la última vez</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/carried.py" line="39"/>
        <source>Device</source>
        <translation>Aparato</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/carried.py" line="45"/>
        <source>{0}: {1} — as last time</source>
        <translation>{0}: {1} — como la última vez</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/carried.py" line="47"/>
        <source>{0}: not this time (last time: {1})</source>
        <translation>{0}: esta vez no (la última vez: {1})</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/carried.py" line="48"/>
        <source>used</source>
        <translation>usado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/carried.py" line="50"/>
        <source>{0}: {1} (last time: {2})</source>
        <translation>{0}: {1} (la última vez: {2})</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <location filename="../../ui/checklist_page.py" line="121"/>
        <source>Suitability checklist</source>
        <translation>Cuestionario de idoneidad</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="174"/>
        <source>Assessment on {date}</source>
        <translation>Evaluación del {date}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="175"/>
        <source>Zones: {zones}</source>
        <translation>Zonas: {zones}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="175"/>
        <source>none chosen</source>
        <translation>ninguna elegida</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="179"/>
        <source>Fitzpatrick type {type}</source>
        <translation>Fototipo de Fitzpatrick {type}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="198"/>
        <source>Answers from the last assessment are shown beside each question. Ask the patient again; press &quot;keep&quot; on a question only when the answer is unchanged.</source>
        <translation>Las respuestas de la última evaluación aparecen junto a cada pregunta. Vuelva a preguntar al paciente; pulse &quot;conservar&quot; en una pregunta solo si la respuesta no ha cambiado.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="125"/>
        <source>Assessment details</source>
        <translation>Detalles de la evaluación</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="446"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="448"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="379"/>
        <source>Cannot evaluate the checklist</source>
        <translation>No se puede evaluar el cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="142"/>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="150"/>
        <source>Verdict and actions</source>
        <translation>Veredicto y acciones</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="326"/>
        <source>{group} · {n} of {total} answered</source>
        <translation>{group} · {n} de {total} respondidas</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="387"/>
        <source>So far, from the answers given</source>
        <translation>Por ahora, según las respuestas dadas</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="393"/>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="414"/>
        <source>No verdict yet: 1 question is not answered</source>
        <translation>Aún no hay veredicto: 1 pregunta sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="415"/>
        <source>No verdict yet: {n} questions are not answered</source>
        <translation>Aún no hay veredicto: {n} preguntas sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="440"/>
        <source>Continue (1 question left)</source>
        <translation>Continuar (queda 1 pregunta)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="443"/>
        <source>Continue ({n} questions left)</source>
        <translation>Continuar (quedan {n} preguntas)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="450"/>
        <source>Correct the input above to continue.</source>
        <translation>Corrija los datos de arriba para continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="453"/>
        <source>Ask every question: each one still marked at its left edge needs a yes or no, &quot;never&quot; or a date (Next unanswered finds it).</source>
        <translation>Haga todas las preguntas: cada una que sigue marcada en su borde izquierdo necesita un sí o un no, «nunca» o una fecha (Siguiente sin responder la encuentra).</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="459"/>
        <source>To continue, override the verdict and write why.</source>
        <translation>Para continuar, anule el veredicto y escriba por qué.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_page.py" line="461"/>
        <source>Write the reason for the override (at least {n} words).</source>
        <translation>Escriba el motivo de la anulación (al menos {n} palabras).</translation>
    </message>
</context>
<context>
    <name>ClinicProfileTab</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="51"/>
        <source>No logo</source>
        <translation>Sin logotipo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="52"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="54"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="61"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="62"/>
        <source>US Letter</source>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65"/>
        <source>Save clinic profile</source>
        <translation>Guardar el perfil de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="74"/>
        <location filename="../../ui/settings_dialog.py" line="140"/>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="75"/>
        <location filename="../../ui/settings_dialog.py" line="141"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="76"/>
        <location filename="../../ui/settings_dialog.py" line="142"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="77"/>
        <location filename="../../ui/settings_dialog.py" line="143"/>
        <source>Out-of-hours phone</source>
        <translation>Teléfono fuera de horario</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="78"/>
        <location filename="../../ui/settings_dialog.py" line="144"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="82"/>
        <source>Logo file</source>
        <translation>Archivo del logotipo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="83"/>
        <location filename="../../ui/settings_dialog.py" line="145"/>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="84"/>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <location filename="../../ui/settings_dialog.py" line="146"/>
        <source>Paper size</source>
        <translation>Tamaño del papel</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="129"/>
        <source>Clinic profile saved.</source>
        <translation>Perfil de la clínica guardado.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="149"/>
        <source>Someone else changed the clinic profile</source>
        <translation>Otra persona ha cambiado el perfil de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="163"/>
        <source>Choose the clinic logo</source>
        <translation>Elegir el logotipo de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="165"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.gif *.bmp)</translation>
    </message>
</context>
<context>
    <name>ClinicalRulesModel</name>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="38"/>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="38"/>
        <source>In force</source>
        <translation>En vigor</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="38"/>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="39"/>
        <source>Allowed</source>
        <translation>Permitido</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="60"/>
        <source> (clinic)</source>
        <translation> (clínica)</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="62"/>
        <source> ⚠ outside the current bounds: review</source>
        <translation> ⚠ fuera de los límites actuales: revísela</translation>
    </message>
</context>
<context>
    <name>ClinicalRulesPage</name>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="104"/>
        <source>Clinical rules</source>
        <translation>Reglas clínicas</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="112"/>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="114"/>
        <source>Reason for the change</source>
        <translation>Motivo del cambio</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="115"/>
        <location filename="../../ui/clinical_rules_page.py" line="116"/>
        <source>Change the rule</source>
        <translation>Cambiar la regla</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="121"/>
        <source>New value (with its unit)</source>
        <translation>Valor nuevo (con su unidad)</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="122"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="136"/>
        <location filename="../../ui/clinical_rules_page.py" line="189"/>
        <source>⚠ {error}</source>
        <translation>⚠ {error}</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="140"/>
        <location filename="../../ui/clinical_rules_page.py" line="193"/>
        <source>Rules version {v}</source>
        <translation>Versión de las reglas {v}</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="151"/>
        <source>Sign in to change a clinical rule.</source>
        <translation>Inicie sesión para cambiar una regla clínica.</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="146"/>
        <source>⚠ Kept as the clinic set them, but outside the bounds of this revision: {rules}. Review each one and set it again within the bounds allowed.</source>
        <translation>⚠ Se mantienen tal como los fijó la clínica, pero fuera de los límites de esta revisión: {rules}. Revise cada uno y vuelva a fijarlo dentro de los límites permitidos.</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="166"/>
        <source>{rule}: allowed {bounds}. Sources:
{sources}</source>
        <translation>{rule}: permitido {bounds}. Fuentes:
{sources}</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="174"/>
        <source>⚠ Choose a rule first.</source>
        <translation>⚠ Elija primero una regla.</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="177"/>
        <source>⚠ Sign in to change a clinical rule.</source>
        <translation>⚠ Inicie sesión para cambiar una regla clínica.</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="196"/>
        <source>✓ {rule} is now {value} (rules version {v}).</source>
        <translation>✓ {rule} es ahora {value} (versión de las reglas {v}).</translation>
    </message>
</context>
<context>
    <name>ComplicationDialog</name>
    <message>
        <location filename="../../ui/complication_dialog.py" line="159"/>
        <source>Record a complication</source>
        <translation>Registrar una complicación</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="160"/>
        <source>Complication {0}</source>
        <translation>Complicación {0}</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="162"/>
        <source>Session {0}: {1}</source>
        <translation>Sesión {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="164"/>
        <source>The session</source>
        <translation>La sesión</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="174"/>
        <source>(not assessed)</source>
        <translation>(sin valorar)</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="175"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="176"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="181"/>
        <source>Serious, as the regulators define it: life-threatening, hospitalisation, permanent impairment, or intervention needed to prevent it</source>
        <translation>Grave, según la definen los reguladores: potencialmente mortal, hospitalización, deterioro permanente o intervención necesaria para evitarlo</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="191"/>
        <source>From the device&apos;s label, when there is one</source>
        <translation>De la etiqueta del aparato, si la tiene</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="192"/>
        <source>(not yet known)</source>
        <translation>(aún no se sabe)</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="194"/>
        <source>dd/mm/yyyy, once resolved</source>
        <translation>dd/mm/aaaa, una vez resuelta</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="195"/>
        <source>(not reported)</source>
        <translation>(no notificada)</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="197"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="200"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="201"/>
        <source>Onset</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="202"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="203"/>
        <source>Serious</source>
        <translation>Grave</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="204"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="205"/>
        <source>Treatment given</source>
        <translation>Tratamiento administrado</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="206"/>
        <source>Referral</source>
        <translation>Derivación</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="207"/>
        <source>Device UDI</source>
        <translation>UDI del aparato</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="208"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="209"/>
        <source>Resolved on</source>
        <translation>Resuelta el</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="210"/>
        <source>Reported to</source>
        <translation>Notificada a</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="211"/>
        <source>Reported on</source>
        <translation>Notificada el</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="212"/>
        <source>Reference number</source>
        <translation>Número de referencia</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="243"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>ComplicationsDialog</name>
    <message>
        <location filename="../../ui/complications_list.py" line="45"/>
        <source>Complications</source>
        <translation>Complicaciones</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="49"/>
        <source>Onset</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="49"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="49"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="49"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="50"/>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="53"/>
        <source>The patient&apos;s complications</source>
        <translation>Las complicaciones del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="58"/>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="59"/>
        <source>Record the outcome, the treatment, the report</source>
        <translation>Registrar el resultado, el tratamiento, la notificación</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="61"/>
        <source>Save the &amp;report…</source>
        <translation>Guardar el &amp;informe…</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="63"/>
        <source>The fields of the MHRA Yellow Card and FDA MedWatch 3500, as a PDF</source>
        <translation>Los campos de la MHRA Yellow Card y del FDA MedWatch 3500, en PDF</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="66"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="105"/>
        <source>No complication is recorded for this patient.</source>
        <translation>No hay ninguna complicación registrada para este paciente.</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="130"/>
        <location filename="../../ui/complications_list.py" line="150"/>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="132"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/complications_list.py" line="144"/>
        <source>Report saved to {0}.</source>
        <translation>Informe guardado en {0}.</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <location filename="../../ui/consent_page.py" line="81"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="86"/>
        <source>Why a consent is needed</source>
        <translation>Por qué hace falta un consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="89"/>
        <source>A new consent is needed: </source>
        <translation>Hace falta un consentimiento nuevo: </translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="94"/>
        <source>Device named in the consent</source>
        <translation>Aparato que figura en el consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="96"/>
        <source>Practitioner who countersigns</source>
        <translation>Profesional que refrenda</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="98"/>
        <source>Language the patient reads and signs</source>
        <translation>Idioma en que el paciente lee y firma</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="107"/>
        <source>Device</source>
        <translation>Aparato</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="108"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="109"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="126"/>
        <source>This translation has not been reviewed by a fluent clinician yet. Check the text with the patient, or choose another language.</source>
        <translation>Esta traducción aún no la ha revisado un profesional clínico que domine el idioma. Revise el texto con el paciente o elija otro idioma.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="132"/>
        <source>Translation not reviewed</source>
        <translation>Traducción sin revisar</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="137"/>
        <source>Consent text</source>
        <translation>Texto del consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="142"/>
        <source>Photographs: the patient&apos;s own choices</source>
        <translation>Fotografías: lo que elige el propio paciente</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="152"/>
        <source>Patient&apos;s signature</source>
        <translation>Firma del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="154"/>
        <source>Parent or guardian (the patient is under 18)</source>
        <translation>Madre, padre o tutor (el paciente es menor de 18 años)</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="156"/>
        <source>Guardian&apos;s name</source>
        <translation>Nombre del tutor</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="158"/>
        <source>mother, father, legal guardian…</source>
        <translation>madre, padre, tutor legal…</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="159"/>
        <source>Guardian&apos;s relation to the patient</source>
        <translation>Relación del tutor con el paciente</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="160"/>
        <source>Guardian&apos;s signature</source>
        <translation>Firma del tutor</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="162"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="163"/>
        <source>Relation</source>
        <translation>Relación</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="170"/>
        <source>Practitioner&apos;s PIN to countersign</source>
        <translation>PIN del profesional para refrendar</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="173"/>
        <source>Countersign with your PIN</source>
        <translation>Refrendar con su PIN</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="178"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="179"/>
        <source>Issue the signed consent</source>
        <translation>Emitir el consentimiento firmado</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="185"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="214"/>
        <source>The consent to read and sign</source>
        <translation>El consentimiento que hay que leer y firmar</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="241"/>
        <source>{device} (serial {serial})</source>
        <translation>{device} (n.º de serie {serial})</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="270"/>
        <source>Add a practitioner in Settings first.</source>
        <translation>Añada primero un profesional en Configuración.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_page.py" line="340"/>
        <source>Consent {id} issued (fingerprint {fp}).</source>
        <translation>Consentimiento {id} emitido (huella {fp}).</translation>
    </message>
</context>
<context>
    <name>ConsentTemplateSettings</name>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="49"/>
        <source>Treatment consent (microneedling)</source>
        <translation>Consentimiento de tratamiento (microneedling)</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="50"/>
        <source>Photo consent</source>
        <translation>Consentimiento de fotos</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="51"/>
        <source>Consent form to edit</source>
        <translation>Formulario de consentimiento que editar</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="55"/>
        <source>Language of the form to edit</source>
        <translation>Idioma del formulario que se edita</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="58"/>
        <source>Version in use</source>
        <translation>Versión en uso</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="60"/>
        <source>Form title</source>
        <translation>Título del formulario</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="62"/>
        <source>Form text</source>
        <translation>Texto del formulario</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="64"/>
        <source>Save as a new version</source>
        <translation>Guardar como versión nueva</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="69"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="72"/>
        <source> months</source>
        <translation> meses</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="73"/>
        <source>How long a signed consent stays valid</source>
        <translation>Cuánto tiempo es válido un consentimiento firmado</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="74"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="78"/>
        <source>Edit the clinic&apos;s copy of a consent form. Each save becomes a new version; consents already signed keep the version the patient read, and a session can only be signed once the patient has signed the version now in use. Fields filled in when the consent is issued: {patient_name}, {areas}, {device}, {practitioner}. A blank line starts a paragraph; a line starting with &quot;- &quot; is a list item.</source>
        <translation>Edite la copia de la clínica de un formulario de consentimiento. Cada vez que guarda se crea una versión nueva; los consentimientos ya firmados conservan la versión que leyó el paciente, y una sesión solo se puede firmar cuando el paciente ha firmado la versión en uso. Campos que se rellenan al emitir el consentimiento: {patient_name}, {areas}, {device}, {practitioner}. Una línea en blanco empieza un párrafo; una línea que empieza por &quot;- &quot; es un elemento de lista.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="92"/>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="93"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="94"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="95"/>
        <source>A consent is valid for</source>
        <translation>Un consentimiento es válido durante</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="121"/>
        <source>the clinic&apos;s copy</source>
        <translation>la copia de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="123"/>
        <source>the wording shipped with Chairside</source>
        <translation>el texto que trae Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="126"/>
        <source>In use: version {version} ({source}); {count} version(s) kept.</source>
        <translation>En uso: versión {version} ({source}); {count} versión(es) guardada(s).</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="131"/>
        <source>This translation has not been reviewed by a fluent clinician yet.</source>
        <translation>Esta traducción aún no la ha revisado un profesional clínico que domine el idioma.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="150"/>
        <source>Saved as version {0}.</source>
        <translation>Guardado como versión {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_template_settings.py" line="161"/>
        <source>A consent now stays valid for {0} months.</source>
        <translation>Ahora un consentimiento es válido durante {0} meses.</translation>
    </message>
</context>
<context>
    <name>ConsentWatch</name>
    <message>
        <location filename="../../ui/session_form/consent_watch.py" line="92"/>
        <source>This session cannot be signed without a valid consent. {why} Take the patient&apos;s consent in the consent step (More › Take a new consent…).</source>
        <translation>Esta sesión no se puede firmar sin un consentimiento válido. {why} Tome el consentimiento del paciente en el paso de consentimiento (Más › Tomar un consentimiento nuevo…).</translation>
    </message>
</context>
<context>
    <name>ConsentsDialog</name>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="63"/>
        <source>Consents</source>
        <translation>Consentimientos</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="66"/>
        <source>The patient&apos;s consents</source>
        <translation>Los consentimientos del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="69"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="70"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="71"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="72"/>
        <source>Withdraw treatment consent…</source>
        <translation>Retirar el consentimiento de tratamiento…</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="73"/>
        <source>Withdraw photo consent…</source>
        <translation>Retirar el consentimiento de fotos…</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="105"/>
        <source>No consent has been signed yet.</source>
        <translation>Aún no se ha firmado ningún consentimiento.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="111"/>
        <source>treatment</source>
        <translation>tratamiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="112"/>
        <source>photos</source>
        <translation>fotos</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="117"/>
        <source>{what} withdrawn {day}</source>
        <translation>{what} retirado el {day}</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="120"/>
        <source>Consent {id} · signed {day} · form version {version} in {language} · fingerprint {fp}
{areas} · {device}{states}</source>
        <translation>Consentimiento {id} · firmado el {day} · versión del formulario {version} en {language} · huella {fp}
{areas} · {device}{states}</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="156"/>
        <source>Save consent</source>
        <translation>Guardar consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="158"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="175"/>
        <source>Saved to {0}</source>
        <translation>Guardado en {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="180"/>
        <source>Print consent</source>
        <translation>Imprimir consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="190"/>
        <source>Consent {0}</source>
        <translation>Consentimiento {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="201"/>
        <source>N{WARNING SIGN} The printer could not be started.</source>
        <translation>N{WARNING SIGN} No se ha podido iniciar la impresora.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="214"/>
        <source>Printed consent {0}.</source>
        <translation>Consentimiento {0} impreso.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="222"/>
        <source>Withdraw consent</source>
        <translation>Retirar el consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="223"/>
        <source>Date the patient withdrew the {0} consent (YYYY-MM-DD):</source>
        <translation>Fecha en que el paciente retiró el consentimiento de {0} (AAAA-MM-DD):</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="231"/>
        <source>N{WARNING SIGN} Enter the date as YYYY-MM-DD.</source>
        <translation>N{WARNING SIGN} Escriba la fecha como AAAA-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../ui/consent_list_dialog.py" line="250"/>
        <source>Withdrawal recorded from {0}.</source>
        <translation>Retirada registrada desde el {0}.</translation>
    </message>
</context>
<context>
    <name>DatabaseProblemDialog</name>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="48"/>
        <source>Chairside cannot open the database</source>
        <translation>Chairside no puede abrir la base de datos</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="54"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="59"/>
        <source>Database: {0}</source>
        <translation>Base de datos: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="62"/>
        <source>&amp;Open another…</source>
        <translation>&amp;Abrir otra…</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="63"/>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurar una copia…</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="64"/>
        <source>&amp;Try again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="65"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="108"/>
        <source>Open a Chairside database</source>
        <translation>Abrir una base de datos de Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="110"/>
        <source>Chairside databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Bases de datos de Chairside (*.sqlite3 *.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="120"/>
        <location filename="../../ui/start/database_problem_dialog.py" line="145"/>
        <location filename="../../ui/start/database_problem_dialog.py" line="159"/>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="122"/>
        <source>Chairside backups (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Copias de seguridad de Chairside (*.sqlite3 *.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="148"/>
        <source>Restored the database from {0}.</source>
        <translation>Base de datos restaurada desde {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="152"/>
        <source>It was upgraded to this version of Chairside.</source>
        <translation>Se ha actualizado a esta versión de Chairside.</translation>
    </message>
    <message>
        <location filename="../../ui/start/database_problem_dialog.py" line="156"/>
        <source>The database you had before is kept as {0}.</source>
        <translation>La base de datos que tenía antes se conserva como {0}.</translation>
    </message>
</context>
<context>
    <name>DayHost</name>
    <message>
        <location filename="../../ui/day_host.py" line="112"/>
        <location filename="../../ui/day_host.py" line="124"/>
        <source>Record a complication</source>
        <translation>Registrar una complicación</translation>
    </message>
    <message>
        <location filename="../../ui/day_host.py" line="113"/>
        <source>This patient has no signed session to record a complication against.</source>
        <translation>Este paciente no tiene ninguna sesión firmada en la que registrar una complicación.</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../../ui/day_view.py" line="73"/>
        <source>The day</source>
        <translation>El día</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="82"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="84"/>
        <source>Governance &amp;summary…</source>
        <translation>&amp;Resumen de gobernanza…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="95"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="96"/>
        <location filename="../../ui/day_view.py" line="127"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="97"/>
        <source>Course step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="98"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="99"/>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="100"/>
        <location filename="../../ui/day_view.py" line="127"/>
        <source>Due</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="103"/>
        <source>Appointments of today and tomorrow</source>
        <translation>Citas de hoy y de mañana</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="113"/>
        <location filename="../../ui/day_view.py" line="269"/>
        <source>did not come</source>
        <translation>no vino</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="119"/>
        <source>&amp;Open the visit</source>
        <translation>&amp;Abrir la visita</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="120"/>
        <source>Start or continue the selected patient&apos;s visit</source>
        <translation>Iniciar o continuar la visita del paciente seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="123"/>
        <source>&lt;b&gt;Follow-up calls due&lt;/b&gt;</source>
        <translation>&lt;b&gt;Llamadas de seguimiento pendientes&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="127"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="127"/>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="129"/>
        <source>Follow-up calls due</source>
        <translation>Llamadas de seguimiento pendientes</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="139"/>
        <source>&amp;Call done…</source>
        <translation>&amp;Llamada hecha…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="140"/>
        <source>Record the selected call with a note</source>
        <translation>Registrar la llamada seleccionada con una nota</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="142"/>
        <source>&amp;Appointment</source>
        <translation>&amp;Cita</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="143"/>
        <source>Mark the selected appointment</source>
        <translation>Marcar la cita seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="145"/>
        <source>Arrived</source>
        <translation>Ha llegado</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="146"/>
        <source>Did not come</source>
        <translation>No vino</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="147"/>
        <source>Cancel…</source>
        <translation>Cancelar…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="152"/>
        <source>&amp;Questionnaire on a phone…</source>
        <translation>Cuestionario en un &amp;teléfono…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="154"/>
        <source>A QR code for the selected patient to answer the health questions</source>
        <translation>Un código QR para que el paciente seleccionado responda a las preguntas de salud</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="177"/>
        <source>Stock warnings</source>
        <translation>Avisos del almacén</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="183"/>
        <source>S&amp;tock…</source>
        <translation>&amp;Existencias…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="184"/>
        <source>Open Stock: the lots on hand and every warning</source>
        <translation>Abrir el almacén: los lotes en existencia y todos los avisos</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="196"/>
        <source>Stock warnings: {0}</source>
        <translation>Avisos del almacén: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="327"/>
        <source>Questionnaire: {0}</source>
        <translation>Cuestionario: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="200"/>
        <source>{0} more in Stock</source>
        <translation>{0} más en el almacén</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="226"/>
        <source>The day: {0}</source>
        <translation>El día: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="229"/>
        <source>Today, {0}</source>
        <translation>Hoy, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="229"/>
        <source>Tomorrow, {0}</source>
        <translation>Mañana, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="238"/>
        <source>No appointments.</source>
        <translation>No hay citas.</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="266"/>
        <source>arrived</source>
        <translation>ha llegado</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="267"/>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="268"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="272"/>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="277"/>
        <source>valid</source>
        <translation>válido</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="279"/>
        <source>needed</source>
        <translation>necesario</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="281"/>
        <source>waiting</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="281"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="287"/>
        <source>before the earliest safe date, {0}</source>
        <translation>antes de la primera fecha segura, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="292"/>
        <source>deferred until resolved: {0}</source>
        <translation>aplazado hasta que se resuelva: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="305"/>
        <source>follow-up call #{0}</source>
        <translation>llamada de seguimiento n.º {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="306"/>
        <source>open complication #{0}</source>
        <translation>complicación abierta n.º {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="340"/>
        <source>Cancel the appointment</source>
        <translation>Cancelar la cita</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="340"/>
        <source>Why is it cancelled?</source>
        <translation>¿Por qué se cancela?</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="364"/>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <location filename="../../ui/first_start.py" line="142"/>
        <source>Demo clinic</source>
        <translation>Clínica de demostración</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="144"/>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="145"/>
        <source>Set up my clinic</source>
        <translation>Configurar mi clínica</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="151"/>
        <source>This is the demo clinic: its patients are made up. Your own clinic is set up in a folder of its own.</source>
        <translation>Esta es la clínica de demostración: sus pacientes son inventados. Su propia clínica se configura en una carpeta aparte.</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <location filename="../../ui/demo_offer.py" line="51"/>
        <source>Open a demo clinic with {n} made-up patients and their sessions, to try Chairside out?

It opens in a window of its own, with its own data folder ({folder}); this clinic&apos;s database stays empty and yours. The demo practitioners sign in with PIN {pin}.</source>
        <translation>¿Abrir una clínica de demostración con {n} pacientes inventados y sus sesiones para probar Chairside?

Se abre en una ventana propia, con su propia carpeta de datos ({folder}); la base de datos de esta clínica sigue vacía y solo suya. Los profesionales de demostración inician sesión con el PIN {pin}.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_offer.py" line="58"/>
        <location filename="../../ui/demo_offer.py" line="79"/>
        <source>Demo clinic</source>
        <translation>Clínica de demostración</translation>
    </message>
    <message>
        <location filename="../../ui/demo_offer.py" line="64"/>
        <source>Preparing the demo clinic…</source>
        <translation>Preparando la clínica de demostración…</translation>
    </message>
    <message>
        <location filename="../../ui/demo_offer.py" line="81"/>
        <source>The demo clinic is ready in {folder} but its window did not open. Start Chairside with: --data-dir &quot;{folder}&quot;</source>
        <translation>La clínica de demostración está lista en {folder}, pero su ventana no se ha abierto. Inicie Chairside con: --data-dir &quot;{folder}&quot;</translation>
    </message>
</context>
<context>
    <name>EncryptionChoiceDialog</name>
    <message>
        <location filename="../../ui/encryption_setup.py" line="33"/>
        <source>Welcome to Chairside</source>
        <translation>Bienvenido a Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="36"/>
        <source>Chairside keeps health records on this computer. Encrypting them means a lost or stolen laptop gives nothing away: the records open only after a practitioner signs in.</source>
        <translation>Chairside guarda registros clínicos en este equipo. Cifrarlos significa que un portátil perdido o robado no revela nada: los registros solo se abren después de que un profesional inicie sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="42"/>
        <source>&amp;Encrypt the database (recommended)</source>
        <translation>Ci&amp;frar la base de datos (recomendado)</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="44"/>
        <source>Keep it &amp;plain: only if this computer&apos;s disk is already encrypted</source>
        <translation>Dejarla &amp;sin cifrar: solo si el disco de este equipo ya está cifrado</translation>
    </message>
</context>
<context>
    <name>FirstPractitionerDialog</name>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="31"/>
        <source>Welcome to Chairside</source>
        <translation>Bienvenido a Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="36"/>
        <source>Set up the first practitioner. Everything you record will carry your name; you sign in with this PIN (at least 4 digits) or password (at least 8 characters).</source>
        <translation>Dé de alta al primer profesional. Todo lo que registre llevará su nombre; iniciará sesión con este PIN (al menos 4 cifras) o contraseña (al menos 8 caracteres).</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="43"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="45"/>
        <source>Credentials</source>
        <translation>Titulación</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="46"/>
        <source>e.g. registration number</source>
        <translation>p. ej., número de colegiado</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="47"/>
        <source>PIN or password</source>
        <translation>PIN o contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="48"/>
        <source>PIN or password again</source>
        <translation>Repita el PIN o la contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="61"/>
        <source>PIN or password &amp;again</source>
        <translation>&amp;Repita el PIN o la contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="73"/>
        <source>The two entries are not the same.</source>
        <translation>Las dos entradas no coinciden.</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="54"/>
        <source>&amp;Create and sign in</source>
        <translation>&amp;Crear e iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="58"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="59"/>
        <source>&amp;Credentials</source>
        <translation>&amp;Titulación</translation>
    </message>
    <message>
        <location filename="../../ui/first_practitioner_dialog.py" line="60"/>
        <source>&amp;PIN or password</source>
        <translation>&amp;PIN o contraseña</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../ui/first_start.py" line="97"/>
        <source>Preparing the demo clinic…</source>
        <translation>Preparando la clínica de demostración…</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="115"/>
        <source>Demo clinic</source>
        <translation>Clínica de demostración</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="116"/>
        <source>The demo clinic is ready in {folder} but its window did not open. Start Chairside with: --data-dir &quot;{folder}&quot;</source>
        <translation>La clínica de demostración está lista en {folder}, pero su ventana no se ha abierto. Inicie Chairside con: --data-dir &quot;{folder}&quot;</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/first_start.py" line="40"/>
        <location filename="../../ui/first_start.py" line="42"/>
        <source>Welcome to Chairside</source>
        <translation>Bienvenido a Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="46"/>
        <source>Try it with made-up patients first, or set up your own clinic now. You can set up your clinic from the demo at any time.</source>
        <translation>Pruébelo primero con pacientes inventados o configure ahora su propia clínica. Puede configurar su clínica desde la demostración en cualquier momento.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="51"/>
        <source>Try the demo clinic</source>
        <translation>Probar la clínica de demostración</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="52"/>
        <source>Set up my clinic</source>
        <translation>Configurar mi clínica</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="55"/>
        <source>{n} made-up patients with their sessions, in a folder of its own. Nothing to set up; your clinic stays empty.</source>
        <translation>{n} pacientes inventados con sus sesiones, en una carpeta aparte. Nada que configurar; su clínica sigue vacía.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="61"/>
        <source>Choose whether to encrypt the records, then add yourself as the first practitioner with a PIN.</source>
        <translation>Elija si cifrar los registros y después añádase como primer profesional con un PIN.</translation>
    </message>
</context>
<context>
    <name>FollowupDialog</name>
    <message>
        <location filename="../../ui/complication_dialog.py" line="94"/>
        <source>Follow-up call</source>
        <translation>Llamada de seguimiento</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="97"/>
        <source>{0}, due {1}: {2}</source>
        <translation>{0}, pendiente el {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="102"/>
        <source>(not said)</source>
        <translation>(sin indicar)</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="103"/>
        <location filename="../../ui/complication_dialog.py" line="107"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="105"/>
        <source>Note of the call</source>
        <translation>Nota de la llamada</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="106"/>
        <source>e.g. redness as expected, no pain</source>
        <translation>p. ej. enrojecimiento esperado, sin dolor</translation>
    </message>
    <message>
        <location filename="../../ui/complication_dialog.py" line="108"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>HeaderSection</name>
    <message>
        <location filename="../../ui/session_form/header.py" line="25"/>
        <source>Fitzpatrick {type}</source>
        <translation>Fitzpatrick {type}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="28"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="36"/>
        <source>Date and start time</source>
        <translation>Fecha y hora de inicio</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="38"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="40"/>
        <location filename="../../ui/session_form/header.py" line="79"/>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="45"/>
        <source>Session number in the course</source>
        <translation>Número de sesión en el tratamiento</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="49"/>
        <source>Sessions in the course</source>
        <translation>Sesiones del tratamiento</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="53"/>
        <source>of</source>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="60"/>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/header.py" line="79"/>
        <source>Course</source>
        <translation>Tratamiento</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../ui/intake_dialog.py" line="40"/>
        <source>Questionnaire on a phone</source>
        <translation>Cuestionario en un teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="44"/>
        <source>{name} scans this code with the phone&apos;s camera and answers in {language}.</source>
        <translation>{name} escanea este código con la cámara del teléfono y responde en {language}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="52"/>
        <source>QR code of the questionnaire&apos;s link</source>
        <translation>Código QR del enlace al cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="56"/>
        <source>Listening on {address}, port {port}, for this patient only. The link works once, until {time}; the phone must be on the clinic&apos;s network.</source>
        <translation>Escuchando en {address}, puerto {port}, solo para este paciente. El enlace sirve una vez, hasta {time}; el teléfono debe estar en la red de la clínica.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="65"/>
        <source>This address is this computer&apos;s own: a phone cannot reach it. Choose the address on the clinic&apos;s network in Settings › Questionnaire.</source>
        <translation>Esta dirección es la del propio ordenador: un teléfono no puede llegar a ella. Elija la dirección en la red de la clínica en Configuración › Cuestionario del paciente.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="74"/>
        <source>State of the questionnaire</source>
        <translation>Estado del cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="91"/>
        <source>The answers have arrived. They wait in the checklist, to confirm.</source>
        <translation>Las respuestas han llegado. Esperan en el cuestionario de idoneidad, para confirmarlas.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="94"/>
        <source>The link has been used</source>
        <translation>El enlace ya se ha usado</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="97"/>
        <source>The link has expired. Close this and make a new one.</source>
        <translation>El enlace ha caducado. Cierre esto y cree uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="99"/>
        <source>The link has expired</source>
        <translation>El enlace ha caducado</translation>
    </message>
    <message>
        <location filename="../../ui/intake_dialog.py" line="102"/>
        <source>Waiting for the answers…</source>
        <translation>Esperando las respuestas…</translation>
    </message>
</context>
<context>
    <name>IntakeHost</name>
    <message>
        <location filename="../../ui/intake_host.py" line="35"/>
        <source>Questionnaire server</source>
        <translation>Servidor del cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/intake_host.py" line="49"/>
        <location filename="../../ui/intake_host.py" line="60"/>
        <source>Questionnaire on a phone</source>
        <translation>Cuestionario en un teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/intake_host.py" line="51"/>
        <source>Questionnaires on a phone are turned off. A practitioner can turn them on in Settings › Questionnaire, and choose this computer&apos;s address on the clinic&apos;s network. &quot;Let the patient answer here&quot; works without it.</source>
        <translation>Los cuestionarios en un teléfono están desactivados. Un profesional puede activarlos en Configuración › Cuestionario del paciente y elegir la dirección de este ordenador en la red de la clínica. «Que el paciente responda aquí» funciona sin ello.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_host.py" line="100"/>
        <source>{name}&apos;s answers have arrived, to confirm in the checklist.</source>
        <translation>Han llegado las respuestas de {name}, para confirmarlas en el cuestionario de idoneidad.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_host.py" line="122"/>
        <source>Questionnaire: listening on {address}:{port} for {names}</source>
        <translation>Cuestionario del paciente: escuchando en {address}:{port} para {names}</translation>
    </message>
</context>
<context>
    <name>IntakeSettings</name>
    <message>
        <location filename="../../ui/intake_settings.py" line="17"/>
        <source>Let patients answer the health questions on a phone</source>
        <translation>Permitir que los pacientes respondan las preguntas de salud en un teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="23"/>
        <source>Address of this computer on the clinic&apos;s network</source>
        <translation>Dirección de este ordenador en la red de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="29"/>
        <source>any free port</source>
        <translation>cualquier puerto libre</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="32"/>
        <location filename="../../ui/intake_settings.py" line="57"/>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="35"/>
        <source> minutes</source>
        <translation> minutos</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="38"/>
        <location filename="../../ui/intake_settings.py" line="58"/>
        <source>A link works for</source>
        <translation>Un enlace sirve durante</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="41"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="44"/>
        <location filename="../../ui/intake_settings.py" line="59"/>
        <source>Answers can be confirmed for</source>
        <translation>Las respuestas se pueden confirmar durante</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="47"/>
        <source>The phone must be on the clinic&apos;s own network (Wi-Fi). Answers are encrypted on the phone and reach only this computer; the link in the QR code works once, for one patient. Answers older than the days set here are shown for review only.</source>
        <translation>El teléfono debe estar en la red propia de la clínica (wifi). Las respuestas se cifran en el teléfono y solo llegan a este ordenador; el enlace del código QR sirve una vez, para un paciente. Las respuestas con más días de los indicados aquí se muestran solo para revisarlas.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_settings.py" line="56"/>
        <source>Address of this computer</source>
        <translation>Dirección de este ordenador</translation>
    </message>
</context>
<context>
    <name>IntegrityBanner</name>
    <message>
        <location filename="../../ui/integrity_banner.py" line="19"/>
        <source>Records integrity alert</source>
        <translation>Alerta de integridad de los registros</translation>
    </message>
    <message>
        <location filename="../../ui/integrity_banner.py" line="21"/>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <location filename="../../ui/integrity_banner.py" line="22"/>
        <source>Show in the &amp;audit trail</source>
        <translation>Mostrar en el registro de &amp;auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/integrity_banner.py" line="40"/>
        <source>&lt;b&gt;The records may have been changed outside Chairside.&lt;/b&gt; The audit chain does not match: {0} Keep this computer as it is and restore a backup you trust only after checking it (python main.py audit --verify --against BACKUP).</source>
        <translation>&lt;b&gt;Puede que los registros se hayan modificado fuera de Chairside.&lt;/b&gt; La cadena de auditoría no coincide: {0} Deje este ordenador tal como está y restaure una copia de seguridad de confianza solo después de comprobarla (python main.py audit --verify --against COPIA).</translation>
    </message>
</context>
<context>
    <name>InterfaceSettings</name>
    <message>
        <location filename="../../ui/interface_settings.py" line="29"/>
        <source>Language of the interface</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <location filename="../../ui/interface_settings.py" line="32"/>
        <source>Chairside shows its window in this language from the next start. Aftercare sheets follow each patient&apos;s own language.</source>
        <translation>Chairside muestra su ventana en este idioma a partir del próximo inicio. Las hojas de cuidados siguen el idioma de cada paciente.</translation>
    </message>
    <message>
        <location filename="../../ui/interface_settings.py" line="37"/>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <location filename="../../ui/translations.py" line="38"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="39"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="40"/>
        <source>French</source>
        <translation>Francés</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="41"/>
        <source>German</source>
        <translation>Alemán</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="42"/>
        <source>Polish</source>
        <translation>Polaco</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="43"/>
        <source>Portuguese</source>
        <translation>Portugués</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="44"/>
        <source>Vietnamese</source>
        <translation>Vietnamita</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="45"/>
        <source>Arabic</source>
        <translation>Árabe</translation>
    </message>
    <message>
        <location filename="../../ui/translations.py" line="46"/>
        <source>Chinese (Simplified)</source>
        <translation>Chino (simplificado)</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock_screen.py" line="54"/>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="55"/>
        <source>&lt;h2&gt;Chairside is locked&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Chairside está bloqueado&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="58"/>
        <source>Signed in: {0}. Enter your PIN to carry on.</source>
        <translation>Sesión iniciada: {0}. Escriba su PIN para continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="61"/>
        <source>PIN or password</source>
        <translation>PIN o contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="65"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="68"/>
        <source>Sign in as someone &amp;else</source>
        <translation>Iniciar sesión como &amp;otra persona</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="31"/>
        <source>Sign in to Chairside</source>
        <translation>Iniciar sesión en Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="35"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="40"/>
        <source>PIN or password</source>
        <translation>PIN o contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="42"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="45"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="49"/>
        <source>&amp;Practitioner</source>
        <translation>&amp;Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="50"/>
        <source>P&amp;IN</source>
        <translation>P&amp;IN</translation>
    </message>
    <message>
        <location filename="../../ui/pin_entry.py" line="92"/>
        <source>After several wrong tries, wait {0} s before trying again.</source>
        <translation>Tras varios intentos fallidos, espere {0} s antes de volver a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/pin_entry.py" line="102"/>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="502"/>
        <source>Chairside</source>
        <translation>Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>&lt;h2&gt;Welcome to Chairside&lt;/h2&gt;&lt;p&gt;Find a patient on the left (Ctrl+F), or create one with &lt;b&gt;New patient&lt;/b&gt; (Ctrl+N).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bienvenido a Chairside&lt;/h2&gt;&lt;p&gt;Busque un paciente a la izquierda (Ctrl+F) o cree uno con &lt;b&gt;Paciente nuevo&lt;/b&gt; (Ctrl+N).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>Return to the open visit</source>
        <translation>Volver a la visita abierta</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>&amp;New patient</source>
        <translation>&amp;Paciente nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>&amp;Find patient</source>
        <translation>&amp;Buscar paciente</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>Open a &amp;demo clinic…</source>
        <translation>Abrir una clínica de &amp;demostración…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>&amp;Records</source>
        <translation>&amp;Registros</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>&amp;Recall: who received a lot…</source>
        <translation>&amp;Retirada: quién recibió un lote…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>&amp;Audit trail</source>
        <translation>Registro de &amp;auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurar una copia…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <source>&amp;Lock the screen</source>
        <translation>&amp;Bloquear la pantalla</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>&amp;Switch practitioner…</source>
        <translation>&amp;Cambiar de profesional…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>&amp;Stock</source>
        <translation>Al&amp;macén</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>&amp;Receive a delivery…</source>
        <translation>&amp;Recibir un pedido…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>&amp;Lots on hand and warnings…</source>
        <translation>&amp;Lotes en existencia y avisos…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209"/>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>The &amp;day</source>
        <translation>El &amp;día</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>&amp;Governance summary…</source>
        <translation>&amp;Resumen de gobernanza…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>A&amp;tajos de teclado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>&amp;About Chairside</source>
        <translation>&amp;Acerca de Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Session not saved</source>
        <translation>Sesión sin guardar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="254"/>
        <source>The session could not be saved just now, so it stays open. Check the message on the form and try again.</source>
        <translation>No se ha podido guardar la sesión ahora mismo, así que sigue abierta. Lea el mensaje del formulario y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>Unsaved patient details</source>
        <translation>Datos del paciente sin guardar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>The patient details you typed are not saved yet. Save them now?</source>
        <translation>Los datos del paciente que ha escrito aún no están guardados. ¿Guardarlos ahora?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Patient saved.</source>
        <translation>Paciente guardado.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Backups and security</source>
        <translation>Copias de seguridad y seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>About Chairside</source>
        <translation>Acerca de Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>&lt;h3&gt;Chairside {0}&lt;/h3&gt;&lt;p&gt;Patients, suitability checklist, session records and aftercare sheets for microneedling.&lt;/p&gt;&lt;p&gt;Data folder: {1}&lt;br&gt;Database: {2}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Chairside {0}&lt;/h3&gt;&lt;p&gt;Pacientes, cuestionario de idoneidad, registros de sesiones y hojas de cuidados para microneedling.&lt;/p&gt;&lt;p&gt;Carpeta de datos: {1}&lt;br&gt;Base de datos: {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="502"/>
        <source>Chairside — DEMO (made-up patients)</source>
        <translation>Chairside — DEMOSTRACIÓN (pacientes inventados)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="514"/>
        <source>The patient&apos;s personal details were erased.</source>
        <translation>Se han borrado los datos personales del paciente.</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="138"/>
        <source>Choose a new PIN</source>
        <translation>Elija un PIN nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="143"/>
        <source>The recovery key opened the database. Choose who you are and a new PIN; colleagues keep their own PINs.</source>
        <translation>La clave de recuperación ha abierto la base de datos. Indique quién es usted y elija un PIN nuevo; sus compañeros conservan sus propios PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="149"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="152"/>
        <source>New PIN or password</source>
        <translation>Nuevo PIN o contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="153"/>
        <source>New PIN again</source>
        <translation>Repita el nuevo PIN</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="161"/>
        <source>&amp;Practitioner</source>
        <translation>&amp;Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="162"/>
        <source>&amp;New PIN</source>
        <translation>&amp;Nuevo PIN</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="163"/>
        <source>PIN &amp;again</source>
        <translation>&amp;Repita el PIN</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="175"/>
        <source>The two PINs are not the same.</source>
        <translation>Los dos PIN no coinciden.</translation>
    </message>
</context>
<context>
    <name>NextSection</name>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="97"/>
        <source>Next session</source>
        <translation>Próxima sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="104"/>
        <source>Next session date</source>
        <translation>Fecha de la próxima sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="106"/>
        <source>Use recommended</source>
        <translation>Usar la recomendada</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="107"/>
        <source>Use the recommended next date</source>
        <translation>Usar la próxima fecha recomendada</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="114"/>
        <source>Recommended next session</source>
        <translation>Próxima sesión recomendada</translation>
    </message>
    <message>
        <source>Add a zone to see the recommended date.</source>
        <translation>Añada una zona para ver la fecha recomendada.</translation>
    </message>
    <message>
        <source>Recommended: {date} ({weeks} weeks after a session at {depth} mm)</source>
        <translation>Recomendada: {date} ({weeks} semanas después de una sesión a {depth} mm)</translation>
    </message>
</context>
<context>
    <name>PatientBar</name>
    <message>
        <location filename="../../ui/visit/bars.py" line="50"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="52"/>
        <source>Age and Fitzpatrick type</source>
        <translation>Edad y fototipo de Fitzpatrick</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="56"/>
        <source>Cautions and allergies</source>
        <translation>Precauciones y alergias</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="77"/>
        <source>age {0}</source>
        <translation>{0} años</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="79"/>
        <source>age not recorded</source>
        <translation>edad no registrada</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="82"/>
        <source>Fitzpatrick {0}</source>
        <translation>Fitzpatrick {0}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="84"/>
        <source>Fitzpatrick type not assessed</source>
        <translation>Fototipo de Fitzpatrick sin evaluar</translation>
    </message>
</context>
<context>
    <name>PatientFactsBox</name>
    <message>
        <location filename="../../ui/checklist_rows.py" line="313"/>
        <source>Missing from the patient&apos;s record</source>
        <translation>Falta en la ficha del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="319"/>
        <source>The rules on age and skin type need these. They are saved to the patient&apos;s record when you continue.</source>
        <translation>Las reglas sobre la edad y el fototipo necesitan estos datos. Se guardan en la ficha del paciente al continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="340"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="342"/>
        <location filename="../../ui/checklist_rows.py" line="417"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="351"/>
        <source>Not answered</source>
        <translation>Sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="355"/>
        <location filename="../../ui/checklist_rows.py" line="421"/>
        <source>Fitzpatrick skin type</source>
        <translation>Fototipo de Fitzpatrick</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="406"/>
        <source>The date of birth is in the future.</source>
        <translation>La fecha de nacimiento está en el futuro.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="408"/>
        <source>The date of birth is before {year}.</source>
        <translation>La fecha de nacimiento es anterior a {year}.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="416"/>
        <source>Not answered:</source>
        <translation>Sin responder:</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <location filename="../../ui/patient_form.py" line="87"/>
        <source>Given name first (Ana Silva)</source>
        <translation>Nombre primero (Ana Silva)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="89"/>
        <source>Family name first (Nguyễn Lan, Kovács Péter)</source>
        <translation>Apellido primero (Nguyễn Lan, Kovács Péter)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="92"/>
        <source>if not the names in this order</source>
        <translation>si no son los nombres en este orden</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="94"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="100"/>
        <location filename="../../ui/patient_form.py" line="104"/>
        <source>Not assessed</source>
        <translation>Sin evaluar</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="120"/>
        <source>Body text of 16 points or more</source>
        <translation>Texto de 16 puntos o más</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="126"/>
        <location filename="../../ui/patient_form.py" line="386"/>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="127"/>
        <location filename="../../ui/patient_form.py" line="387"/>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="128"/>
        <source>Name order</source>
        <translation>Orden del nombre</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="129"/>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="130"/>
        <location filename="../../ui/patient_form.py" line="388"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="131"/>
        <location filename="../../ui/patient_form.py" line="389"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="132"/>
        <location filename="../../ui/patient_form.py" line="390"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="133"/>
        <location filename="../../ui/patient_form.py" line="391"/>
        <source>Fitzpatrick type</source>
        <translation>Fototipo de Fitzpatrick</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="134"/>
        <location filename="../../ui/patient_form.py" line="392"/>
        <source>Skin type</source>
        <translation>Tipo de piel</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="135"/>
        <location filename="../../ui/patient_form.py" line="393"/>
        <source>Concerns</source>
        <translation>Motivos de consulta</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="136"/>
        <location filename="../../ui/patient_form.py" line="394"/>
        <source>Handout language</source>
        <translation>Idioma de las hojas</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="137"/>
        <location filename="../../ui/patient_form.py" line="395"/>
        <source>Large print</source>
        <translation>Letra grande</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="138"/>
        <location filename="../../ui/patient_form.py" line="396"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="163"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="166"/>
        <source>Save the patient (Ctrl+S)</source>
        <translation>Guardar el paciente (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="167"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="189"/>
        <source>Patient details</source>
        <translation>Datos del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="217"/>
        <source>New patient</source>
        <translation>Paciente nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="243"/>
        <source>Edit {0}</source>
        <translation>Editar a {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="282"/>
        <source>{0}, age {1}</source>
        <translation>{0}, {1} años</translation>
    </message>
    <message>
        <location filename="../../ui/patient_form.py" line="399"/>
        <source>Someone else changed this patient</source>
        <translation>Otra persona ha cambiado este paciente</translation>
    </message>
</context>
<context>
    <name>PatientList</name>
    <message>
        <location filename="../../ui/patient_list.py" line="34"/>
        <source>Search name, phone or date of birth</source>
        <translation>Nombre, teléfono o nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="35"/>
        <source>Search patients</source>
        <translation>Buscar pacientes</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="39"/>
        <source>&amp;New patient</source>
        <translation>&amp;Paciente nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="41"/>
        <source>Create a patient record (Ctrl+N)</source>
        <translation>Crear la ficha de un paciente (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="46"/>
        <source>Patients</source>
        <translation>Pacientes</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="60"/>
        <source>Number of patients found</source>
        <translation>Número de pacientes encontrados</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="112"/>
        <source>Patients found: more than {0}</source>
        <translation>Pacientes encontrados: más de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="114"/>
        <source>Patients: more than {0}</source>
        <translation>Pacientes: más de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="116"/>
        <source>Patients found: {0}</source>
        <translation>Pacientes encontrados: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="118"/>
        <source>Patients: {0}</source>
        <translation>Pacientes: {0}</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../ui/patient_list_model.py" line="51"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list_model.py" line="52"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list_model.py" line="53"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list_model.py" line="54"/>
        <source>Fitzpatrick</source>
        <translation>Fitzpatrick</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list_model.py" line="55"/>
        <source>Last session</source>
        <translation>Última sesión</translation>
    </message>
</context>
<context>
    <name>PatientMode</name>
    <message>
        <location filename="../../ui/patient_mode.py" line="184"/>
        <source>Practitioner&apos;s PIN</source>
        <translation>PIN del profesional</translation>
    </message>
    <message>
        <location filename="../../ui/patient_mode.py" line="186"/>
        <source>Back to the practitioner&apos;s view</source>
        <translation>Volver a la vista del profesional</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <location filename="../../ui/patient_page.py" line="52"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="53"/>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="54"/>
        <source>Fitzpatrick type</source>
        <translation>Fototipo de Fitzpatrick</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="55"/>
        <source>Skin type</source>
        <translation>Tipo de piel</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="56"/>
        <source>Concerns</source>
        <translation>Motivos de consulta</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="57"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="66"/>
        <source>Start a &amp;session</source>
        <translation>Empezar una &amp;sesión</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="69"/>
        <source>Walk the suitability checklist, then record the treatment (Ctrl+T)</source>
        <translation>Recorrer el cuestionario de idoneidad y después registrar el tratamiento (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="72"/>
        <source>&amp;Edit details</source>
        <translation>&amp;Editar datos</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="78"/>
        <source>Record…</source>
        <translation>Ficha…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="80"/>
        <source>Export, audit trail or erasure</source>
        <translation>Exportar, registro de auditoría o borrado</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="82"/>
        <source>Export the complete record…</source>
        <translation>Exportar la ficha completa…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="83"/>
        <source>Show the audit trail</source>
        <translation>Mostrar el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="84"/>
        <source>Complications…</source>
        <translation>Complicaciones…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="88"/>
        <source>Record a complication…</source>
        <translation>Registrar una complicación…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="93"/>
        <source>Erase personal details…</source>
        <translation>Borrar los datos personales…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="103"/>
        <source>&amp;Photos</source>
        <translation>&amp;Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="106"/>
        <source>Before-and-after photos: add, compare (Ctrl+Shift+P)</source>
        <translation>Fotos de antes y después: añadir, comparar (Ctrl+Mayús+P)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="111"/>
        <source>&amp;Questionnaire</source>
        <translation>Cuestionario del &amp;paciente</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="114"/>
        <source>The patient answers the health questions</source>
        <translation>El paciente responde las preguntas de salud</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="117"/>
        <source>Questionnaire on a phone…</source>
        <translation>Cuestionario en un teléfono…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="118"/>
        <source>Let the patient answer here</source>
        <translation>Que el paciente responda aquí</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="123"/>
        <source>&amp;Book a visit…</source>
        <translation>&amp;Reservar una visita…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="124"/>
        <source>Book the next visit at a safe date</source>
        <translation>Reservar la próxima visita en una fecha segura</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="129"/>
        <source>&lt;b&gt;Sessions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sesiones&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="161"/>
        <source>{0} (age {1})</source>
        <translation>{0} ({1} años)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="166"/>
        <location filename="../../ui/patient_page.py" line="168"/>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="170"/>
        <location filename="../../ui/patient_page.py" line="172"/>
        <source>not assessed</source>
        <translation>sin evaluar</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="175"/>
        <source>none recorded</source>
        <translation>ninguno registrado</translation>
    </message>
</context>
<context>
    <name>PatientSaid</name>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="47"/>
        <source>The patient&apos;s questionnaire of {when} is too old to confirm as today&apos;s answers: its answers are shown for review only. Ask every question.</source>
        <translation>El cuestionario del paciente del {when} es demasiado antiguo para confirmarlo como respuestas de hoy: sus respuestas se muestran solo para revisarlas. Haga todas las preguntas.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="52"/>
        <source>The patient answered {n} questions on {when} ({device}). Their answers are shown as &quot;Patient said&quot;; go through them with the patient and confirm each group, or answer differently. &quot;Not sure&quot; is left for you to ask.</source>
        <translation>El paciente respondió {n} preguntas el {when} ({device}). Sus respuestas aparecen como «El paciente dijo»; repáselas con el paciente y confirme cada grupo, o responda de otro modo. «No estoy seguro» queda para que usted lo pregunte.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="58"/>
        <source>The patient&apos;s questionnaire</source>
        <translation>El cuestionario del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="64"/>
        <source>on a phone</source>
        <translation>en un teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="65"/>
        <source>on a tablet</source>
        <translation>en una tableta</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="66"/>
        <source>on a computer</source>
        <translation>en un ordenador</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="67"/>
        <source>on this computer</source>
        <translation>en este ordenador</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="79"/>
        <source>Confirm the patient&apos;s answers in this group ({n})</source>
        <translation>Confirmar las respuestas del paciente en este grupo ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="84"/>
        <source>{group}: confirm the patient&apos;s answers</source>
        <translation>{group}: confirmar las respuestas del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="118"/>
        <source>Patient said: {answer} (for review only)</source>
        <translation>El paciente dijo: {answer} (solo para revisar)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="120"/>
        <source>Patient said: {answer} — ask</source>
        <translation>El paciente dijo: {answer}; pregunte</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="122"/>
        <source>Patient said: {answer} — to confirm</source>
        <translation>El paciente dijo: {answer}; por confirmar</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="124"/>
        <source>Patient said: {answer} — confirmed</source>
        <translation>El paciente dijo: {answer}; confirmado</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="126"/>
        <source>Patient said: {answer} — changed</source>
        <translation>El paciente dijo: {answer}; cambiado</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="133"/>
        <source>not sure</source>
        <translation>no está seguro</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="135"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="135"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_patient_said.py" line="138"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
</context>
<context>
    <name>PhotoComparisonDialog</name>
    <message>
        <location filename="../../ui/photo_comparison.py" line="70"/>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="73"/>
        <location filename="../../ui/photo_comparison.py" line="100"/>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="77"/>
        <source>Earlier visit</source>
        <translation>Visita anterior</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="79"/>
        <source>Later visit</source>
        <translation>Visita posterior</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="90"/>
        <source>Save as &amp;PDF for the patient…</source>
        <translation>Guardar como &amp;PDF para el paciente…</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="94"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="101"/>
        <location filename="../../ui/photo_comparison.py" line="177"/>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="102"/>
        <location filename="../../ui/photo_comparison.py" line="177"/>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="150"/>
        <source>Photos of this view from two visits are needed for a comparison.</source>
        <translation>Para comparar hacen falta fotos de esta vista de dos visitas.</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="194"/>
        <source>Save the comparison</source>
        <translation>Guardar la comparación</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="196"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/photo_comparison.py" line="207"/>
        <source>Saved {0}</source>
        <translation>Guardado {0}</translation>
    </message>
</context>
<context>
    <name>PhotoSettingsPage</name>
    <message>
        <location filename="../../ui/photo_settings_page.py" line="25"/>
        <source>Watched photo folder</source>
        <translation>Carpeta de fotos vigilada</translation>
    </message>
    <message>
        <location filename="../../ui/photo_settings_page.py" line="26"/>
        <source>None: add photos from files only</source>
        <translation>Ninguna: añadir fotos solo desde archivos</translation>
    </message>
    <message>
        <location filename="../../ui/photo_settings_page.py" line="27"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <location filename="../../ui/photo_settings_page.py" line="34"/>
        <location filename="../../ui/photo_settings_page.py" line="52"/>
        <source>Watched folder</source>
        <translation>Carpeta vigilada</translation>
    </message>
    <message>
        <location filename="../../ui/photo_settings_page.py" line="37"/>
        <source>New pictures that arrive in this folder while a patient&apos;s photos are open are offered for that visit. Nothing in the folder is changed.</source>
        <translation>Las fotos nuevas que llegan a esta carpeta mientras están abiertas las fotos de un paciente se ofrecen para esa visita. No se cambia nada de la carpeta.</translation>
    </message>
</context>
<context>
    <name>PhotosPanel</name>
    <message>
        <location filename="../../ui/photos_panel.py" line="101"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="104"/>
        <source>Visit the photos belong to</source>
        <translation>Visita a la que pertenecen las fotos</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="106"/>
        <location filename="../../ui/photos_panel.py" line="171"/>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="110"/>
        <location filename="../../ui/photos_panel.py" line="172"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="111"/>
        <source>No particular zone</source>
        <translation>Ninguna zona en particular</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="117"/>
        <source>&amp;Add photos…</source>
        <translation>&amp;Añadir fotos…</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="119"/>
        <source>Choose JPEG or PNG files, or drop them here</source>
        <translation>Elija archivos JPEG o PNG, o suéltelos aquí</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="121"/>
        <source>Side by &amp;side…</source>
        <translation>Lado a &amp;lado…</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="124"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="126"/>
        <source>Take the selected photo out of the record</source>
        <translation>Sacar de la ficha la foto seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="135"/>
        <source>Photo consent</source>
        <translation>Consentimiento de fotos</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="138"/>
        <source>Add to this visit</source>
        <translation>Añadir a esta visita</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="141"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="157"/>
        <source>Photos of this patient</source>
        <translation>Fotos de este paciente</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="164"/>
        <source>Capture guide: the previous photo of this view</source>
        <translation>Guía de captura: la foto anterior de esta vista</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="170"/>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="186"/>
        <source>&lt;b&gt;Capture guide&lt;/b&gt;</source>
        <translation>&lt;b&gt;Guía de captura&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="242"/>
        <source>The patient has {0} consent to photos ({1}); none can be added.</source>
        <translation>El paciente tiene el consentimiento de fotos {0} ({1}); no se puede añadir ninguna.</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="250"/>
        <source>Photo consent: the patient&apos;s own record. Training without the face: {0}. Marketing: {1}.</source>
        <translation>Consentimiento de fotos: la elección del propio paciente. Formación sin la cara: {0}. Marketing: {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="253"/>
        <location filename="../../ui/photos_panel.py" line="254"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="253"/>
        <location filename="../../ui/photos_panel.py" line="254"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="259"/>
        <source>No photo consent is on record: photos are for the clinical record only.</source>
        <translation>No consta ningún consentimiento de fotos: las fotos son solo para la historia clínica.</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="268"/>
        <source>No particular visit</source>
        <translation>Ninguna visita en particular</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="283"/>
        <source>Photo {0}, visit {1}</source>
        <translation>Foto {0}, visita {1}</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="301"/>
        <source>No earlier photo of this view.</source>
        <translation>No hay ninguna foto anterior de esta vista.</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="310"/>
        <source>Line the patient up with the last {0} photo ({1}).</source>
        <translation>Coloque al paciente como en la última foto {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="319"/>
        <source>Add photos</source>
        <translation>Añadir fotos</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="319"/>
        <source>Photos (*.jpg *.jpeg *.png *.JPG *.PNG)</source>
        <translation>Fotos (*.jpg *.jpeg *.png *.JPG *.PNG)</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="328"/>
        <source>Adding {0} photo(s)…</source>
        <translation>Añadiendo {0} foto(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="339"/>
        <source>Added {0} photo(s).</source>
        <translation>Se han añadido {0} foto(s).</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="394"/>
        <source>{0} new photo(s) in the watched folder: {1}</source>
        <translation>{0} foto(s) nueva(s) en la carpeta vigilada: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="418"/>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="419"/>
        <source>Photo {0} will be taken out of the record and its file deleted. Why?</source>
        <translation>La foto {0} se sacará de la ficha y se borrará su archivo. ¿Por qué?</translation>
    </message>
    <message>
        <location filename="../../ui/photos_panel.py" line="436"/>
        <source>Removed photo {0}.</source>
        <translation>Se ha quitado la foto {0}.</translation>
    </message>
</context>
<context>
    <name>PhotosWindow</name>
    <message>
        <location filename="../../ui/photo_windows.py" line="21"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
</context>
<context>
    <name>PlainExport</name>
    <message>
        <location filename="../../ui/plain_export.py" line="12"/>
        <source>not encrypted: keep the file where only the clinic can read it</source>
        <translation>sin cifrar: guarde el archivo donde solo la clínica pueda leerlo</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../ui/zone_table_model.py" line="290"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="290"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="290"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="290"/>
        <source>Expiry</source>
        <translation>Caducidad</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="325"/>
        <source>Serum</source>
        <translation>Sérum</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="326"/>
        <source>Glide</source>
        <translation>Deslizante</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="327"/>
        <source>PRP (medical procedure)</source>
        <translation>PRP (procedimiento médico)</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="328"/>
        <source>Anaesthetic</source>
        <translation>Anestésico</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="329"/>
        <source>Post-care</source>
        <translation>Cuidados posteriores</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="332"/>
        <source>— not recorded</source>
        <translation>— no registrado</translation>
    </message>
</context>
<context>
    <name>ProductsSection</name>
    <message>
        <location filename="../../ui/session_form/products.py" line="31"/>
        <source>Serums and glide products</source>
        <translation>Sérums y productos deslizantes</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="40"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="45"/>
        <source>lot number</source>
        <translation>número de lote</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="46"/>
        <source>Product lot number</source>
        <translation>Número de lote del producto</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="47"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="48"/>
        <source>Add product</source>
        <translation>Añadir producto</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="56"/>
        <source>Products used</source>
        <translation>Productos usados</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="72"/>
        <source>Remove product</source>
        <translation>Quitar producto</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/products.py" line="73"/>
        <source>Remove the selected product</source>
        <translation>Quitar el producto seleccionado</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <location filename="../../ui/checklist_rows.py" line="100"/>
        <location filename="../../ui/checklist_rows.py" line="232"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="100"/>
        <source>{q} Yes</source>
        <translation>{q} Sí</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="101"/>
        <location filename="../../ui/checklist_rows.py" line="232"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="101"/>
        <source>{q} No</source>
        <translation>{q} No</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="108"/>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="108"/>
        <source>{q} Never</source>
        <translation>{q} Nunca</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="110"/>
        <source>On a date</source>
        <translation>En una fecha</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="110"/>
        <source>{q} On a date</source>
        <translation>{q} En una fecha</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="120"/>
        <source>{q} Date</source>
        <translation>{q} Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="132"/>
        <source>Not answered</source>
        <translation>Sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="147"/>
        <source>Last time: {answer} — keep</source>
        <translation>La última vez: {answer} — conservar</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="152"/>
        <source>{q} Keep last time&apos;s answer: {answer}</source>
        <translation>{q} Conservar la respuesta de la última vez: {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="234"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="236"/>
        <source>not answered</source>
        <translation>sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_rows.py" line="292"/>
        <source>Not answered: {q}</source>
        <translation>Sin responder: {q}</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <location filename="../../ui/recall_dialog.py" line="108"/>
        <source>Recall: who received a lot?</source>
        <translation>Retirada: ¿quién recibió un lote?</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="111"/>
        <source>Product or cartridge lot number, e.g. HA-2604</source>
        <translation>Número de lote de producto o cartucho, p. ej., HA-2604</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="113"/>
        <source>Lot number</source>
        <translation>Número de lote</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="115"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="117"/>
        <source>Search for the lot</source>
        <translation>Buscar el lote</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="121"/>
        <source>&amp;Lot</source>
        <translation>&amp;Lote</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="134"/>
        <source>Patients who received the lot</source>
        <translation>Pacientes que recibieron el lote</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="135"/>
        <source>Enter a lot number and search.</source>
        <translation>Escriba un número de lote y busque.</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="137"/>
        <source>Search result</source>
        <translation>Resultado de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="138"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="140"/>
        <source>Export the list as CSV</source>
        <translation>Exportar la lista como CSV</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="144"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="157"/>
        <source>Complications after these sessions</source>
        <translation>Complicaciones tras estas sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="169"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="179"/>
        <source>Complication #{0}: {1}, {2}, onset {3} (session {4})</source>
        <translation>Complicación n.º {0}: {1}, {2}, inicio {3} (sesión {4})</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="189"/>
        <source>Complications after these sessions:</source>
        <translation>Complicaciones tras estas sesiones:</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="206"/>
        <source>Lot {lot}: {patients} patient(s), {sessions} session(s).</source>
        <translation>Lote {lot}: {patients} paciente(s), {sessions} sesión(es).</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="210"/>
        <source>No patient received lot {lot}.</source>
        <translation>Ningún paciente recibió el lote {lot}.</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="212"/>
        <source>The lot is marked recalled in stock since {date}.</source>
        <translation>El lote está marcado como retirado en el almacén desde el {date}.</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="225"/>
        <source>Export the recall list</source>
        <translation>Exportar la lista de retirada</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="227"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="244"/>
        <source>Could not write {path}: {error}</source>
        <translation>No se ha podido escribir {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="250"/>
        <source>Saved {count} row(s) to {path}.</source>
        <translation>Se han guardado {count} fila(s) en {path}.</translation>
    </message>
</context>
<context>
    <name>RecallTableModel</name>
    <message>
        <location filename="../../ui/recall_dialog.py" line="56"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="57"/>
        <source>Born</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="58"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="59"/>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="60"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="61"/>
        <source>What matched</source>
        <translation>Qué coincidió</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="89"/>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <location filename="../../ui/recall_dialog.py" line="89"/>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
</context>
<context>
    <name>RecordDocument</name>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="56"/>
        <source>amended from “{old}” by {who}, {when}: {why}</source>
        <translation>enmendado desde «{old}» por {who}, {when}: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="58"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="83"/>
        <source>Session of {0}, {1}</source>
        <translation>Sesión del {0}, {1}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="91"/>
        <source>Signed by {0} on {1}.</source>
        <translation>Firmado por {0} el {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="98"/>
        <source>Fitzpatrick {0}</source>
        <translation>Fitzpatrick {0}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="103"/>
        <source>{needles} needles, lot {lot}, expires {expiry}</source>
        <translation>{needles} agujas, lote {lot}, caduca el {expiry}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="116"/>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="124"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="128"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="145"/>
        <source>Checklist verdict</source>
        <translation>Veredicto del cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="132"/>
        <source>Consent on file</source>
        <translation>Consentimiento archivado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="34"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="34"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="137"/>
        <source>Photos taken</source>
        <translation>Fotos tomadas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="140"/>
        <source>Device</source>
        <translation>Aparato</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="141"/>
        <source>Cartridge</source>
        <translation>Cartucho</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="142"/>
        <source>Anaesthetic</source>
        <translation>Anestésico</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="148"/>
        <source>Zones</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="150"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="151"/>
        <source>Depth</source>
        <translation>Profundidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="152"/>
        <source>Passes</source>
        <translation>Pasadas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="153"/>
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="154"/>
        <source>Endpoint</source>
        <translation>Punto final</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="155"/>
        <location filename="../../ui/session_form/record_view.py" line="229"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="176"/>
        <source>Serums and glide products</source>
        <translation>Sérums y productos deslizantes</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="193"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="194"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="195"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="196"/>
        <source>Expiry</source>
        <translation>Caducidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="201"/>
        <source>None used.</source>
        <translation>No se usó ninguno.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="204"/>
        <source>Response and aftercare</source>
        <translation>Respuesta y cuidados posteriores</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="206"/>
        <source>Tolerance (pain 0–10)</source>
        <translation>Tolerancia (dolor 0–10)</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="207"/>
        <source>Immediate reactions</source>
        <translation>Reacciones inmediatas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="208"/>
        <source>Adverse events</source>
        <translation>Efectos adversos</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="210"/>
        <source>Finished at</source>
        <translation>Terminada a las</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="213"/>
        <source>Post-care products given</source>
        <translation>Productos de cuidado posterior entregados</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="215"/>
        <source>Next session</source>
        <translation>Próxima sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="222"/>
        <source>Aftercare sheet printed</source>
        <translation>Hoja de cuidados impresa</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="226"/>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="235"/>
        <source>Warnings shown when it was recorded</source>
        <translation>Avisos mostrados al registrarla</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/record_view.py" line="268"/>
        <source>The signed record</source>
        <translation>El registro firmado</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../../ui/record_editor.py" line="139"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../../ui/record_editor.py" line="140"/>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/record_editor.py" line="141"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/record_editor.py" line="172"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../ui/record_editor.py" line="183"/>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <location filename="../../ui/record_editor.py" line="200"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../ui/encryption_setup.py" line="68"/>
        <source>The clinic&apos;s recovery key</source>
        <translation>La clave de recuperación de la clínica</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="74"/>
        <source>If every practitioner&apos;s PIN is lost, this recovery key is the only way to open the encrypted records. Save the sheet, print it and keep it in the safe. It is shown only now (a signed-in practitioner can make a new one later).</source>
        <translation>Si se pierden los PIN de todos los profesionales, esta clave de recuperación es la única forma de abrir los registros cifrados. Guarde la hoja, imprímala y consérvela en la caja fuerte. Solo se muestra ahora (un profesional con la sesión iniciada puede generar una nueva más adelante).</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="88"/>
        <source>&amp;Save the printable sheet (PDF)…</source>
        <translation>&amp;Guardar la hoja para imprimir (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="92"/>
        <source>I have &amp;kept the recovery key</source>
        <translation>Ya he &amp;conservado la clave de recuperación</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="105"/>
        <source>Save the recovery key sheet</source>
        <translation>Guardar la hoja de la clave de recuperación</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="107"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/encryption_setup.py" line="119"/>
        <source>Saved to {0}. Print it, then delete the file.</source>
        <translation>Guardada en {0}. Imprímala y después elimine el archivo.</translation>
    </message>
</context>
<context>
    <name>ResponseSection</name>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="40"/>
        <source>Patient response</source>
        <translation>Respuesta del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="44"/>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="45"/>
        <source>Tolerance, pain 0 to 10</source>
        <translation>Tolerancia, dolor de 0 a 10</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="47"/>
        <source>Immediate reactions</source>
        <translation>Reacciones inmediatas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="48"/>
        <location filename="../../ui/session_form/outcome.py" line="51"/>
        <source>Adverse events</source>
        <translation>Acontecimientos adversos</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="49"/>
        <source>Tolerance (0–10)</source>
        <translation>Tolerancia (0–10)</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/outcome.py" line="50"/>
        <source>Reactions</source>
        <translation>Reacciones</translation>
    </message>
</context>
<context>
    <name>Safekeeping</name>
    <message>
        <location filename="../../ui/safekeeping.py" line="99"/>
        <source>The database file is damaged</source>
        <translation>El archivo de la base de datos está dañado</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="101"/>
        <source>SQLite&apos;s check found damage in {0}:
{1}

{2}</source>
        <translation>La comprobación de SQLite ha encontrado daños en {0}:
{1}

{2}</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="172"/>
        <source>Backed up to {0}</source>
        <translation>Copia de seguridad en {0}</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="194"/>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="196"/>
        <source>Replace the records on this database with the backup {0}?

The records you have now are kept aside as a backup first.</source>
        <translation>¿Reemplazar los registros de esta base de datos por la copia {0}?

Los registros que tiene ahora se guardan antes aparte como copia de seguridad.</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="211"/>
        <source>Restored the backup {0}.</source>
        <translation>Se ha restaurado la copia {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="226"/>
        <source>Backup</source>
        <translation>Copia de seguridad</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="266"/>
        <source>Export the patient&apos;s record</source>
        <translation>Exportar la ficha del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="268"/>
        <source>Readable summary (*.pdf);;Complete record as JSON (*.json)</source>
        <translation>Resumen legible (*.pdf);;Ficha completa en JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="279"/>
        <source>Exported to {0}</source>
        <translation>Exportado a {0}</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="291"/>
        <source>Erase a patient</source>
        <translation>Borrar un paciente</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="293"/>
        <source>Erase the personal details of {0}?

Name, birth date, contact details, notes and concerns are removed for good. The clinical record of treatments (dates, zones, depths, lots) is kept, as the law requires.</source>
        <translation>¿Borrar los datos personales de {0}?

El nombre, la fecha de nacimiento, los datos de contacto, las notas y los motivos de consulta se eliminan para siempre. La historia clínica de los tratamientos (fechas, zonas, profundidades, lotes) se conserva, como exige la ley.</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="304"/>
        <source>Confirm the erasure</source>
        <translation>Confirmar el borrado</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="305"/>
        <source>To confirm, type exactly:
{0}</source>
        <translation>Para confirmar, escriba exactamente:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="315"/>
        <location filename="../../ui/safekeeping.py" line="327"/>
        <source>Erased</source>
        <translation>Borrado</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="317"/>
        <source>The patient&apos;s details are erased from the records. Another workstation has the database open, so the old details may still be on disk in space the database no longer uses; Chairside wipes it the next time it opens the database.</source>
        <translation>Los datos del paciente se han borrado de los registros. Otro puesto tiene abierta la base de datos, así que los datos antiguos pueden seguir en el disco, en espacio que la base de datos ya no usa; Chairside lo limpia la próxima vez que abra la base de datos.</translation>
    </message>
    <message>
        <location filename="../../ui/safekeeping.py" line="329"/>
        <source>The patient&apos;s details are erased. These clinical notes still mention them and were kept unchanged; review them:

{0}</source>
        <translation>Los datos del paciente se han borrado. Estas notas clínicas aún los mencionan y se han conservado sin cambios; revíselas:

{0}</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="123"/>
        <source>Session record</source>
        <translation>Registro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="173"/>
        <source>Record state</source>
        <translation>Estado del registro</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="179"/>
        <source>The session&apos;s details</source>
        <translation>Los datos de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="280"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="282"/>
        <location filename="../../ui/session_form/__init__.py" line="283"/>
        <source>Save now</source>
        <translation>Guardar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="284"/>
        <source>Saved automatically as you type (Ctrl+S)</source>
        <translation>Se guarda solo mientras escribe (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="287"/>
        <source>Sign the record…</source>
        <translation>Firmar el registro…</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="288"/>
        <source>Sign the record</source>
        <translation>Firmar el registro</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="289"/>
        <source>Sign; the record becomes read-only (Ctrl+Shift+S)</source>
        <translation>Firmar; el registro pasa a ser de solo lectura (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="293"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="295"/>
        <source>Amend…</source>
        <translation>Enmendar…</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="296"/>
        <source>Amend the signed record</source>
        <translation>Enmendar el registro firmado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="418"/>
        <location filename="../../ui/session_form/__init__.py" line="489"/>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="421"/>
        <source>Draft saved {time}</source>
        <translation>Borrador guardado {time}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="473"/>
        <source>Save the record before signing.</source>
        <translation>Guarde el registro antes de firmarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/__init__.py" line="539"/>
        <source>Read-only: corrections are recorded as amendments, beside the original.</source>
        <translation>Solo lectura: las correcciones se registran como enmiendas, junto al original.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/stale.py" line="23"/>
        <source>Someone else saved this draft</source>
        <translation>Otra persona ha guardado este borrador</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/signing.py" line="21"/>
        <source>Sign this record? It becomes read-only; later changes are recorded as amendments.

Zones: {zones}
Warnings shown: {count}</source>
        <translation>¿Firmar este registro? Pasa a ser de solo lectura; los cambios posteriores se registran como enmiendas.

Zonas: {zones}
Avisos mostrados: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/signing.py" line="28"/>
        <source>Sign the session record</source>
        <translation>Firmar el registro de la sesión</translation>
    </message>
</context>
<context>
    <name>SessionTimeline</name>
    <message>
        <location filename="../../ui/session_timeline.py" line="228"/>
        <source>Sessions of this patient</source>
        <translation>Sesiones de este paciente</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="231"/>
        <source>No sessions recorded yet.</source>
        <translation>Aún no hay sesiones registradas.</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="232"/>
        <source>No sessions</source>
        <translation>Sin sesiones</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="233"/>
        <source>Open session</source>
        <translation>Abrir sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="235"/>
        <source>Open the selected session</source>
        <translation>Abrir la sesión seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="237"/>
        <source>Show older sessions</source>
        <translation>Mostrar sesiones anteriores</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="239"/>
        <source>Show older sessions of this patient</source>
        <translation>Mostrar las sesiones anteriores de este paciente</translation>
    </message>
</context>
<context>
    <name>SessionTimelineModel</name>
    <message>
        <location filename="../../ui/session_timeline.py" line="54"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="55"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="56"/>
        <source>Zones (depth mm × passes)</source>
        <translation>Zonas (profundidad mm × pasadas)</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="57"/>
        <source>Deepest</source>
        <translation>Máxima profundidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="58"/>
        <source>Products and lots</source>
        <translation>Productos y lotes</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="59"/>
        <source>Cartridge</source>
        <translation>Cartucho</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="60"/>
        <source>Amendments</source>
        <translation>Enmiendas</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="61"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="85"/>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="87"/>
        <source>Draft, not signed</source>
        <translation>Borrador, sin firmar</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="91"/>
        <source> · session {n} of {total}</source>
        <translation> · sesión {n} de {total}</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="137"/>
        <source>{name} lot {lot}</source>
        <translation>{name} lote {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="143"/>
        <source>{needles} needles, lot {lot}</source>
        <translation>{needles} agujas, lote {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/session_timeline.py" line="173"/>
        <source>{n} warning(s) were shown when this session was recorded</source>
        <translation>Se mostraron {n} aviso(s) al registrar esta sesión</translation>
    </message>
</context>
<context>
    <name>SessionWorkflow</name>
    <message>
        <location filename="../../ui/session_workflow.py" line="93"/>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="100"/>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="116"/>
        <location filename="../../ui/session_workflow.py" line="506"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="127"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="128"/>
        <source>Aftercare sheet…</source>
        <translation>Hoja de cuidados…</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="130"/>
        <source>Aftercare sheet</source>
        <translation>Hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="131"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="132"/>
        <source>Preview and print the aftercare sheet (Ctrl+P)</source>
        <translation>Ver e imprimir la hoja de cuidados (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="375"/>
        <location filename="../../ui/session_workflow.py" line="395"/>
        <source>The session record</source>
        <translation>El registro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="473"/>
        <source>The checklist cannot be continued yet.</source>
        <translation>Aún no se puede continuar desde el cuestionario.</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="484"/>
        <source>Sign the record first (Ctrl+Shift+S); the aftercare sheet comes next.</source>
        <translation>Firme primero el registro (Ctrl+Shift+S); después viene la hoja de cuidados.</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="494"/>
        <source>Suitability checklist</source>
        <translation>Cuestionario de idoneidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="512"/>
        <source>The aftercare sheet</source>
        <translation>La hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="170"/>
        <source>Session record</source>
        <translation>Registro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="138"/>
        <source>Photos of this visit…</source>
        <translation>Fotos de esta visita…</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="141"/>
        <source>Take a new consent…</source>
        <translation>Tomar un consentimiento nuevo…</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="144"/>
        <source>The patient&apos;s consents…</source>
        <translation>Consentimientos del paciente…</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="148"/>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="150"/>
        <source>More actions for this visit</source>
        <translation>Más acciones de esta visita</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="151"/>
        <source>Photos and consents of this visit</source>
        <translation>Fotos y consentimientos de esta visita</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="177"/>
        <source>Step 1 of 2: planned zones and suitability checklist</source>
        <translation>Paso 1 de 2: zonas previstas y cuestionario de idoneidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="344"/>
        <location filename="../../ui/session_workflow.py" line="443"/>
        <source>Consent: the patient reads and signs</source>
        <translation>Consentimiento: el paciente lo lee y lo firma</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="351"/>
        <source>A signed consent covers this visit&apos;s zones and device.

More › Take a new consent… takes another one, for example when the plan changes.</source>
        <translation>Un consentimiento firmado cubre las zonas y el aparato de esta visita.

Más › Tomar un consentimiento nuevo… toma otro, por ejemplo cuando cambia el plan.</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="395"/>
        <location filename="../../ui/session_workflow.py" line="407"/>
        <source>Session record (signed)</source>
        <translation>Registro de la sesión (firmado)</translation>
    </message>
    <message>
        <location filename="../../ui/session_workflow.py" line="504"/>
        <source>More › Take a new consent… takes a consent for the zones and device in the record.</source>
        <translation>Más › Tomar un consentimiento nuevo… toma un consentimiento para las zonas y el aparato del registro.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="173"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="174"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="191"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="198"/>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="202"/>
        <location filename="../../ui/settings_dialog.py" line="207"/>
        <location filename="../../ui/settings_dialog.py" line="288"/>
        <location filename="../../ui/settings_dialog.py" line="334"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="203"/>
        <location filename="../../ui/settings_dialog.py" line="208"/>
        <source>Credentials</source>
        <translation>Titulación</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="204"/>
        <location filename="../../ui/settings_dialog.py" line="209"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="210"/>
        <source>Can sign in</source>
        <translation>Puede iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="225"/>
        <source>Set PIN or password for the selected…</source>
        <translation>Poner PIN o contraseña al seleccionado…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="231"/>
        <source>Practitioners</source>
        <translation>Profesionales</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="236"/>
        <source>Make</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="237"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="238"/>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="241"/>
        <source>Based on profile</source>
        <translation>Basado en el perfil</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="243"/>
        <source>No profile</source>
        <translation>Sin perfil</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="248"/>
        <source>Shallowest depth (mm)</source>
        <translation>Profundidad mínima (mm)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="256"/>
        <source>Deepest depth (mm)</source>
        <translation>Profundidad máxima (mm)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="262"/>
        <location filename="../../ui/settings_dialog.py" line="268"/>
        <location filename="../../ui/settings_dialog.py" line="337"/>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="265"/>
        <source>Device</source>
        <translation>Aparato</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="266"/>
        <source>Serial</source>
        <translation>N.º de serie</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="267"/>
        <source>Depth range</source>
        <translation>Rango de profundidad</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="284"/>
        <source>Devices</source>
        <translation>Aparatos</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="291"/>
        <location filename="../../ui/settings_dialog.py" line="306"/>
        <source>Needles</source>
        <translation>Agujas</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="295"/>
        <location filename="../../ui/settings_dialog.py" line="428"/>
        <source>Lot number</source>
        <translation>Número de lote</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="298"/>
        <source>Expiry date</source>
        <translation>Fecha de caducidad</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="302"/>
        <location filename="../../ui/settings_dialog.py" line="309"/>
        <source>In stock</source>
        <translation>En existencias</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="305"/>
        <source>Cartridge</source>
        <translation>Cartucho</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="307"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="308"/>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="323"/>
        <source>Cartridges</source>
        <translation>Cartuchos</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="326"/>
        <source>Serum</source>
        <translation>Sérum</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="327"/>
        <source>Glide</source>
        <translation>Deslizante</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="328"/>
        <source>Topical anaesthetic</source>
        <translation>Anestésico tópico</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="329"/>
        <source>Post-care</source>
        <translation>Cuidados posteriores</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="330"/>
        <source>PRP (medical procedure)</source>
        <translation>PRP (procedimiento médico)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="335"/>
        <location filename="../../ui/settings_dialog.py" line="341"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="336"/>
        <source>Strength</source>
        <translation>Concentración</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="340"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="342"/>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="354"/>
        <source>Products and lots</source>
        <translation>Productos y lotes</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="359"/>
        <source>Aftercare sheet</source>
        <translation>Hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="364"/>
        <source>Clinical rules</source>
        <translation>Reglas clínicas</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="369"/>
        <source>Consent forms</source>
        <translation>Formularios de consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="374"/>
        <source>Interface</source>
        <translation>Interfaz</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="379"/>
        <source>Questionnaire</source>
        <translation>Cuestionario del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="399"/>
        <source>⚠ Select a practitioner first.</source>
        <translation>⚠ Seleccione primero un profesional.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="403"/>
        <source>Set PIN</source>
        <translation>Poner PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="406"/>
        <source>New PIN (at least 4 digits) or password (at least 8 characters):</source>
        <translation>PIN nuevo (al menos 4 cifras) o contraseña (al menos 8 caracteres):</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="409"/>
        <source>Type it again:</source>
        <translation>Escríbalo otra vez:</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="413"/>
        <source>⚠ The two entries differ; nothing was changed.</source>
        <translation>⚠ Las dos entradas no coinciden; no se ha cambiado nada.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="420"/>
        <source>PIN set. They can now sign in.</source>
        <translation>PIN puesto. Ya puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="429"/>
        <source>New lot number</source>
        <translation>Número de lote nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="431"/>
        <source>Expiry dd/mm/yyyy</source>
        <translation>Caducidad dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="432"/>
        <source>New lot expiry date</source>
        <translation>Fecha de caducidad del lote nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="433"/>
        <source>Add lot to the selected product</source>
        <translation>Añadir el lote al producto seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="446"/>
        <source>⚠ Select a product first.</source>
        <translation>⚠ Seleccione primero un producto.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="461"/>
        <source>Lot added.</source>
        <translation>Lote añadido.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="25"/>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="26"/>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="31"/>
        <source>Next step (continue the checklist, then the record…)</source>
        <translation>Paso siguiente (seguir con el cuestionario, luego el registro…)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="33"/>
        <source>Previous step</source>
        <translation>Paso anterior</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="34"/>
        <source>Back to the patient list; the visit stays open</source>
        <translation>Volver a la lista de pacientes; la visita sigue abierta</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="35"/>
        <source>Return to the visit left open</source>
        <translation>Volver a la visita abierta</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="36"/>
        <source>Continue from the checklist</source>
        <translation>Continuar desde el cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="37"/>
        <source>Save the session record now</source>
        <translation>Guardar ahora el registro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="38"/>
        <source>Sign the session record</source>
        <translation>Firmar el registro de la sesión</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="39"/>
        <source>Preview and print the aftercare sheet</source>
        <translation>Vista previa e impresión de la hoja de cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="40"/>
        <source>New patient</source>
        <translation>Paciente nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="41"/>
        <source>Find a patient</source>
        <translation>Buscar un paciente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="42"/>
        <source>Start a session for the patient shown</source>
        <translation>Empezar una sesión para el paciente mostrado</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="43"/>
        <source>Edit the patient&apos;s details</source>
        <translation>Editar los datos del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="44"/>
        <source>The patient&apos;s photos</source>
        <translation>Las fotos del paciente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="45"/>
        <source>The day: today&apos;s and tomorrow&apos;s appointments</source>
        <translation>El día: las citas de hoy y de mañana</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="46"/>
        <source>Recall: who received a lot</source>
        <translation>Retirada: quién recibió un lote</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="47"/>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="48"/>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="49"/>
        <source>Lock the screen</source>
        <translation>Bloquear la pantalla</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="56"/>
        <location filename="../../ui/visit/shortcuts.py" line="59"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="60"/>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="60"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="60"/>
        <source>Does</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../ui/visit/shortcuts.py" line="72"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <location filename="../../ui/signature_pad.py" line="166"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../ui/signature_pad.py" line="167"/>
        <source>Clear {caption}</source>
        <translation>Borrar {caption}</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../ui/signature_pad.py" line="36"/>
        <source>Sign here with a finger, a stylus or the mouse</source>
        <translation>Firme aquí con un dedo, un lápiz táctil o el ratón</translation>
    </message>
</context>
<context>
    <name>StaleRecordDialog</name>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="58"/>
        <source>Someone else saved this record while you were editing it. Choose, for each difference, the value to keep; nothing is saved until you confirm.</source>
        <translation>Otra persona ha guardado este registro mientras usted lo editaba. Elija, para cada diferencia, el valor que quiere conservar; no se guarda nada hasta que confirme.</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="65"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="65"/>
        <source>Your version</source>
        <translation>Su versión</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="65"/>
        <source>Saved version</source>
        <translation>Versión guardada</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="65"/>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="67"/>
        <source>Differences between the two versions</source>
        <translation>Diferencias entre las dos versiones</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="75"/>
        <source>Mine</source>
        <translation>La mía</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="76"/>
        <source>Saved</source>
        <translation>Guardada</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="93"/>
        <source>Keep all of mine</source>
        <translation>Conservar todo lo mío</translation>
    </message>
    <message>
        <location filename="../../ui/stale_record_dialog.py" line="94"/>
        <source>Keep all of the saved version</source>
        <translation>Conservar toda la versión guardada</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <location filename="../../ui/visit/bars.py" line="120"/>
        <source>Steps of the visit</source>
        <translation>Pasos de la visita</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="122"/>
        <source>Checklist</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="123"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="124"/>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="125"/>
        <source>Aftercare</source>
        <translation>Cuidados</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="155"/>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="157"/>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="159"/>
        <source>to do</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/bars.py" line="168"/>
        <source>Step {0} of 4, {1}: {2}</source>
        <translation>Paso {0} de 4, {1}: {2}</translation>
    </message>
</context>
<context>
    <name>StockItemDialog</name>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="26"/>
        <source>A product received for the first time</source>
        <translation>Un producto recibido por primera vez</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="29"/>
        <source>GTIN {gtin} has not been received before. Say once what it is; the next boxes are named from it.</source>
        <translation>El GTIN {gtin} no se ha recibido antes. Indique una vez qué es; las siguientes cajas se nombran a partir de ello.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="36"/>
        <location filename="../../ui/stock_item_dialog.py" line="58"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="38"/>
        <source>Needle cartridge</source>
        <translation>Cartucho de agujas</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="39"/>
        <source>Serum or glide product</source>
        <translation>Sérum o producto de deslizamiento</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="40"/>
        <location filename="../../ui/stock_item_dialog.py" line="59"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="42"/>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="45"/>
        <location filename="../../ui/stock_item_dialog.py" line="60"/>
        <source>Needles</source>
        <translation>Agujas</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="48"/>
        <source>as printed, e.g. 5 ml</source>
        <translation>como viene impreso, p. ej. 5 ml</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="49"/>
        <location filename="../../ui/stock_item_dialog.py" line="61"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="52"/>
        <location filename="../../ui/stock_item_dialog.py" line="62"/>
        <source>Units in a box</source>
        <translation>Unidades por caja</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="56"/>
        <location filename="../../ui/stock_item_dialog.py" line="63"/>
        <source>Reorder at (units)</source>
        <translation>Pedir de nuevo con (unidades)</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="67"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="97"/>
        <source>Enter the product&apos;s name.</source>
        <translation>Escriba el nombre del producto.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_item_dialog.py" line="100"/>
        <source>Choose the cartridge&apos;s needle count.</source>
        <translation>Elija el número de agujas del cartucho.</translation>
    </message>
</context>
<context>
    <name>StockTableModel</name>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="34"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="35"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="36"/>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="37"/>
        <source>On hand</source>
        <translation>En existencia</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="38"/>
        <source>Reorder at</source>
        <translation>Pedir con</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="39"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="53"/>
        <source>{name} (cartridge, {needles} needles)</source>
        <translation>{name} (cartucho, {needles} agujas)</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="56"/>
        <source>{name} (cartridge)</source>
        <translation>{name} (cartucho)</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="57"/>
        <source>{name} (product)</source>
        <translation>{name} (producto)</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="62"/>
        <source>Recalled</source>
        <translation>Retirado</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="64"/>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="66"/>
        <source>Expires soon</source>
        <translation>Caduca pronto</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="68"/>
        <source>Low</source>
        <translation>Bajo</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="70"/>
        <source>None left</source>
        <translation>Agotado</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window_parts.py" line="71"/>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
</context>
<context>
    <name>StockWindow</name>
    <message>
        <location filename="../../ui/stock_window.py" line="78"/>
        <source>Stock</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="81"/>
        <source>Receive a delivery</source>
        <translation>Recibir un pedido</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="84"/>
        <source>Scan each box, or type its code and press Enter</source>
        <translation>Escanee cada caja, o escriba su código y pulse Intro</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="86"/>
        <source>Code on the box</source>
        <translation>Código de la caja</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="89"/>
        <source>Boxes: </source>
        <translation>Cajas: </translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="90"/>
        <source>Boxes of this code</source>
        <translation>Cajas con este código</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="91"/>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="92"/>
        <source>Receive the box</source>
        <translation>Recibir la caja</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="95"/>
        <source>The scanner types the code and Enter; nothing else to press.</source>
        <translation>El lector escribe el código e Intro; no hay que pulsar nada más.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="98"/>
        <source>What was received</source>
        <translation>Lo recibido</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="110"/>
        <source>Stock warnings</source>
        <translation>Avisos del almacén</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="122"/>
        <source>Lots in stock</source>
        <translation>Lotes en el almacén</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="123"/>
        <source>Count…</source>
        <translation>Contar…</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="124"/>
        <source>Record a stock count of the chosen lot</source>
        <translation>Registrar un recuento del lote elegido</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="125"/>
        <source>Discard…</source>
        <translation>Desechar…</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="126"/>
        <source>Discard units of the chosen lot</source>
        <translation>Desechar unidades del lote elegido</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="127"/>
        <source>No longer offer</source>
        <translation>Dejar de ofrecer</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="128"/>
        <source>No longer offer the chosen empty lot at the chair</source>
        <translation>Dejar de ofrecer en el sillón el lote agotado elegido</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="129"/>
        <source>Mark recalled…</source>
        <translation>Marcar como retirado…</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="130"/>
        <source>Mark the chosen lot recalled by its maker</source>
        <translation>Marcar el lote elegido como retirado por el fabricante</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="131"/>
        <location filename="../../ui/stock_window.py" line="132"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="140"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="192"/>
        <source>Nothing in stock yet: scan the boxes of a delivery to receive them.</source>
        <translation>Aún no hay nada en el almacén: escanee las cajas de un pedido para recibirlas.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="197"/>
        <source>No stock warnings.</source>
        <translation>No hay avisos del almacén.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="247"/>
        <source>Not received: the product was not described.</source>
        <translation>No se ha recibido: el producto no se describió.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="266"/>
        <source>Received {added} of {name}, lot {lot}: {on_hand} on hand.</source>
        <translation>Recibidas {added} unidades de {name}, lote {lot}: {on_hand} en existencia.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="285"/>
        <source>Stock count</source>
        <translation>Recuento</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="286"/>
        <source>Units of {name}, lot {lot}, on the shelf:</source>
        <translation>Unidades de {name}, lote {lot}, en el estante:</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="298"/>
        <source>Discard</source>
        <translation>Desechar</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="299"/>
        <source>Units of {name}, lot {lot}, to discard (expired, damaged, sent back):</source>
        <translation>Unidades de {name}, lote {lot}, que desechar (caducadas, dañadas, devueltas):</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="311"/>
        <source>Mark recalled</source>
        <translation>Marcar como retirado</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="313"/>
        <source>Mark lot {lot} of {name} recalled by its maker? It can no longer be used at the chair or received.</source>
        <translation>¿Marcar el lote {lot} de {name} como retirado por el fabricante? Ya no podrá usarse en el sillón ni recibirse.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="338"/>
        <source>Counted {count} of lot {lot}.</source>
        <translation>Contadas {count} unidades del lote {lot}.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="348"/>
        <source>Discarded {count} of lot {lot}.</source>
        <translation>Desechadas {count} unidades del lote {lot}.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="357"/>
        <source>Lot {lot} is no longer offered at the chair.</source>
        <translation>El lote {lot} ya no se ofrece en el sillón.</translation>
    </message>
    <message>
        <location filename="../../ui/stock_window.py" line="380"/>
        <source>Lot {lot} is marked recalled. {patients} patient(s) received it: Records › Recall lists them.</source>
        <translation>El lote {lot} está marcado como retirado. {patients} paciente(s) lo recibieron: Registros › Retirada los muestra.</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../ui/summary_view.py" line="49"/>
        <source>Governance summary</source>
        <translation>Resumen de gobernanza</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="53"/>
        <location filename="../../ui/summary_view.py" line="64"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="53"/>
        <location filename="../../ui/summary_view.py" line="66"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="58"/>
        <source>&amp;Draw</source>
        <translation>&amp;Dibujar</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="60"/>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="71"/>
        <source>No patient is named in the summary.</source>
        <translation>El resumen no nombra a ningún paciente.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="79"/>
        <source>The summary&apos;s pages</source>
        <translation>Las páginas del resumen</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="97"/>
        <source>Drawing the summary…</source>
        <translation>Dibujando el resumen…</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="116"/>
        <source>Page {0}</source>
        <translation>Página {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="121"/>
        <source>{0} page(s). No patient is named in the summary.</source>
        <translation>{0} página(s). El resumen no nombra a ningún paciente.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="132"/>
        <location filename="../../ui/summary_view.py" line="158"/>
        <source>Save the summary</source>
        <translation>Guardar el resumen</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="134"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="155"/>
        <source>Saved to {0}.</source>
        <translation>Guardado en {0}.</translation>
    </message>
</context>
<context>
    <name>TreatmentSection</name>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="44"/>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="51"/>
        <location filename="../../ui/session_form/treatment.py" line="56"/>
        <location filename="../../ui/session_form/treatment.py" line="68"/>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="54"/>
        <location filename="../../ui/session_form/treatment.py" line="123"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="59"/>
        <source>{device}, {low}–{high} mm</source>
        <translation>{device}, {low}–{high} mm</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="66"/>
        <location filename="../../ui/session_form/treatment.py" line="124"/>
        <source>Device</source>
        <translation>Aparato</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="71"/>
        <location filename="../../ui/session_form/treatment.py" line="237"/>
        <source>{name}: {needles} needles, lot {lot}, expires {expiry}</source>
        <translation>{name}: {needles} agujas, lote {lot}, caduca el {expiry}</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="78"/>
        <source> — EXPIRED</source>
        <translation> — CADUCADO</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="81"/>
        <location filename="../../ui/session_form/treatment.py" line="127"/>
        <source>Cartridge</source>
        <translation>Cartucho</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="85"/>
        <source>Cartridge problem</source>
        <translation>Problema con el cartucho</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="89"/>
        <source>Scan the cartridge or serum box</source>
        <translation>Escanee la caja del cartucho o del sérum</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="90"/>
        <source>Code on the box</source>
        <translation>Código de la caja</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="93"/>
        <source>What the scan filled in</source>
        <translation>Lo que rellenó el escaneo</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="101"/>
        <source>Topical anaesthetic</source>
        <translation>Anestésico tópico</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="103"/>
        <source>e.g. 4%</source>
        <translation>p. ej., 4 %</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="104"/>
        <source>Anaesthetic strength</source>
        <translation>Concentración del anestésico</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="108"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="109"/>
        <source>Anaesthetic minutes applied</source>
        <translation>Minutos de aplicación del anestésico</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="121"/>
        <location filename="../../ui/session_form/treatment.py" line="122"/>
        <source>Photos taken</source>
        <translation>Fotos tomadas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="125"/>
        <source>Scan a box</source>
        <translation>Escanear caja</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="129"/>
        <source>Anaesthetic</source>
        <translation>Anestésico</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="120"/>
        <location filename="../../ui/session_form/treatment.py" line="134"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="118"/>
        <source>Looking for a consent that covers this session…</source>
        <translation>Buscando un consentimiento que cubra esta sesión…</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="160"/>
        <source>A signed consent covers this session (signed {0}).</source>
        <translation>Un consentimiento firmado cubre esta sesión (firmado el {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="166"/>
        <source>No signed consent covers this session.</source>
        <translation>Ningún consentimiento firmado cubre esta sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="249"/>
        <source>Cartridge {name}, lot {lot}, filled in from the box.</source>
        <translation>Cartucho {name}, lote {lot}, rellenado desde la caja.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/treatment.py" line="251"/>
        <source>{name}, lot {lot}, added to the products used.</source>
        <translation>{name}, lote {lot}, añadido a los productos usados.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="40"/>
        <source>Sign in to Chairside</source>
        <translation>Iniciar sesión en Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="48"/>
        <source>This clinic&apos;s database is encrypted. Sign in to open it.</source>
        <translation>La base de datos de esta clínica está cifrada. Inicie sesión para abrirla.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="51"/>
        <source>Practitioner</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="55"/>
        <source>PIN or password</source>
        <translation>PIN o contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="57"/>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="61"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="140"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="64"/>
        <source>Every PIN lost? Use the &amp;recovery key</source>
        <translation>¿Se han perdido todos los PIN? Use la clave de &amp;recuperación</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="66"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="69"/>
        <source>&amp;Practitioner</source>
        <translation>&amp;Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="70"/>
        <source>P&amp;IN</source>
        <translation>PI&amp;N</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="71"/>
        <source>Recovery &amp;key</source>
        <translation>&amp;Clave de recuperación</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="98"/>
        <source>Type the recovery key from the sheet kept in the clinic&apos;s safe.</source>
        <translation>Escriba la clave de recuperación que figura en la hoja guardada en la caja fuerte de la clínica.</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="61"/>
        <location filename="../../ui/checklist_verdict.py" line="71"/>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="78"/>
        <source>Reasons and actions</source>
        <translation>Motivos y acciones</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="91"/>
        <source>Why this rule</source>
        <translation>Por qué esta regla</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="95"/>
        <source>Checklist version {version}</source>
        <translation>Versión del cuestionario {version}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="100"/>
        <source>Override</source>
        <translation>Anular</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="102"/>
        <location filename="../../ui/checklist_verdict.py" line="105"/>
        <source>Override the verdict</source>
        <translation>Anular el veredicto</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="108"/>
        <source>Reason for treating despite the verdict (at least {n} words):</source>
        <translation>Motivo para tratar a pesar del veredicto (al menos {n} palabras):</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="117"/>
        <source>Override reason</source>
        <translation>Motivo de la anulación</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="126"/>
        <source>What is left to do</source>
        <translation>Qué falta por hacer</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="130"/>
        <source>Next unanswered</source>
        <translation>Siguiente sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="133"/>
        <source>Go to the next unanswered question</source>
        <translation>Ir a la siguiente pregunta sin responder</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="135"/>
        <location filename="../../ui/checklist_verdict.py" line="139"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="137"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="138"/>
        <source>Continue (Ctrl+Return)</source>
        <translation>Continuar (Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="146"/>
        <source>Suitable</source>
        <translation>Apto</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="147"/>
        <source>Caution</source>
        <translation>Precaución</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="148"/>
        <source>Defer</source>
        <translation>Aplazar</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="149"/>
        <source>Not suitable</source>
        <translation>No apto</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="154"/>
        <source>Not suitable: do not treat</source>
        <translation>No apto: no tratar</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="157"/>
        <source>Defer: not before {date}, and not until resolved</source>
        <translation>Aplazar: no antes del {date} y no hasta que se resuelva</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="161"/>
        <source>Defer: not before {date}</source>
        <translation>Aplazar: no antes del {date}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="164"/>
        <source>Defer: not today, not until resolved</source>
        <translation>Aplazar: hoy no, no hasta que se resuelva</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="166"/>
        <source>Caution: may treat once the actions are done</source>
        <translation>Precaución: se puede tratar una vez hechas las acciones</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="167"/>
        <source>Suitable: nothing in the checklist stands in the way</source>
        <translation>Apto: nada del cuestionario lo impide</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="174"/>
        <source>Not before {date}.</source>
        <translation>No antes del {date}.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="177"/>
        <source>Until resolved.</source>
        <translation>Hasta que se resuelva.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="179"/>
        <source>Why this rule?</source>
        <translation>¿Por qué esta regla?</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_verdict.py" line="187"/>
        <source>Why this rule ({rule}): its sources</source>
        <translation>Por qué esta regla ({rule}): sus fuentes</translation>
    </message>
</context>
<context>
    <name>VisitView</name>
    <message>
        <location filename="../../ui/visit/view.py" line="40"/>
        <source>Visit with {0}</source>
        <translation>Visita de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="47"/>
        <source>Patient list</source>
        <translation>Lista de pacientes</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="48"/>
        <source>Back to the patient list, keeping the visit</source>
        <translation>Volver a la lista de pacientes sin cerrar la visita</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="50"/>
        <source>Back to the patient list; the visit stays open as it is ({0})</source>
        <translation>Volver a la lista de pacientes; la visita sigue abierta tal como está ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="54"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="55"/>
        <source>Back to the previous step</source>
        <translation>Volver al paso anterior</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="57"/>
        <source>The previous step ({0})</source>
        <translation>Paso anterior ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="58"/>
        <location filename="../../ui/visit/view.py" line="153"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="59"/>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="60"/>
        <source>The next step ({0})</source>
        <translation>Paso siguiente ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="153"/>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="173"/>
        <source>Finish the visit ({0})</source>
        <translation>Terminar la visita ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="175"/>
        <source>Next: {0} ({1})</source>
        <translation>Siguiente: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/visit/view.py" line="180"/>
        <source>Back: {0} ({1})</source>
        <translation>Atrás: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>VisitWindow</name>
    <message>
        <location filename="../../ui/visit/host.py" line="130"/>
        <source>Return to the visit with {0}</source>
        <translation>Volver a la visita de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/host.py" line="183"/>
        <source>Preparing the aftercare sheet…</source>
        <translation>Preparando la hoja de cuidados…</translation>
    </message>
    <message>
        <location filename="../../ui/visit/host.py" line="241"/>
        <source> (default wording)</source>
        <translation> (texto predeterminado)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/host.py" line="272"/>
        <source>An unfinished session for {0}, started {1}, was kept as a draft ({2} zones).</source>
        <translation>Se ha conservado como borrador una sesión sin terminar de {0}, iniciada el {1} ({2} zonas).</translation>
    </message>
    <message>
        <location filename="../../ui/visit/host.py" line="276"/>
        <source>{0} more unfinished drafts are listed on their patients&apos; pages.</source>
        <translation>Hay {0} borradores más sin terminar en las páginas de sus pacientes.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/host.py" line="279"/>
        <source>Unfinished session</source>
        <translation>Sesión sin terminar</translation>
    </message>
    <message>
        <location filename="../../ui/visit/host.py" line="279"/>
        <source>Open it now?</source>
        <translation>¿Abrirla ahora?</translation>
    </message>
</context>
<context>
    <name>WarningsSection</name>
    <message>
        <location filename="../../ui/session_form/warnings.py" line="17"/>
        <location filename="../../ui/session_form/warnings.py" line="18"/>
        <source>Warnings</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/warnings.py" line="36"/>
        <source>No warnings.</source>
        <translation>Sin avisos.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/warnings.py" line="43"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/warnings.py" line="45"/>
        <source>No warnings</source>
        <translation>Sin avisos</translation>
    </message>
</context>
<context>
    <name>ZoneMap</name>
    <message>
        <location filename="../../ui/visit/zone_map.py" line="204"/>
        <source>Face and body map</source>
        <translation>Mapa facial y corporal</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_map.py" line="206"/>
        <source>Planned zones are coloured, with their depth; the zone list does the same.</source>
        <translation>Las zonas previstas aparecen coloreadas, con su profundidad; la lista de zonas hace lo mismo.</translation>
    </message>
</context>
<context>
    <name>ZonePicker</name>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="36"/>
        <location filename="../../ui/visit/zone_picker.py" line="37"/>
        <location filename="../../ui/visit/zone_picker.py" line="67"/>
        <source>Planned zones</source>
        <translation>Zonas previstas</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="45"/>
        <source>Plan {zone}</source>
        <translation>Prever {zone}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="50"/>
        <source>Where the ticks come from</source>
        <translation>De dónde vienen las marcas</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="68"/>
        <source>Change zones</source>
        <translation>Cambiar zonas</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="70"/>
        <source>Show the map and every zone to tick</source>
        <translation>Mostrar el mapa y todas las zonas para marcar</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="114"/>
        <source>No zone planned yet.</source>
        <translation>Aún no hay ninguna zona prevista.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="117"/>
        <source>{zones} (as last time, {date})</source>
        <translation>{zones} (como la última vez, {date})</translation>
    </message>
    <message>
        <location filename="../../ui/visit/zone_picker.py" line="133"/>
        <source>Ticked as last time ({0}); change them as planned today.</source>
        <translation>Marcadas como la última vez ({0}); cámbielas según lo previsto hoy.</translation>
    </message>
</context>
<context>
    <name>ZoneTableModel</name>
    <message>
        <location filename="../../ui/zone_table_model.py" line="57"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="58"/>
        <source>Depth (mm)</source>
        <translation>Profundidad (mm)</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="59"/>
        <source>Typical</source>
        <translation>Habitual</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="60"/>
        <source>Passes</source>
        <translation>Pasadas</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="61"/>
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="62"/>
        <source>Endpoint</source>
        <translation>Punto final</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="63"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="64"/>
        <source>Warnings</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="171"/>
        <source>Refused: outside the device&apos;s limits</source>
        <translation>Rechazado: fuera de los límites del aparato</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="178"/>
        <source>above {bound} mm</source>
        <translation>más de {bound} mm</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="183"/>
        <source>deep for type {type}</source>
        <translation>profundo para el fototipo {type}</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="185"/>
        <source>passes for type {type}</source>
        <translation>pasadas para el fototipo {type}</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="188"/>
        <source>above {bound} mm for the device</source>
        <translation>más de {bound} mm para el aparato</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="215"/>
        <source>{original} → {amended} (amended)</source>
        <translation>{original} → {amended} (enmendado)</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="221"/>
        <source>Warning above {bound} mm. {notes}</source>
        <translation>Aviso por encima de {bound} mm. {notes}</translation>
    </message>
    <message>
        <location filename="../../ui/zone_table_model.py" line="243"/>
        <source>per sub-area</source>
        <translation>por subzona</translation>
    </message>
</context>
<context>
    <name>ZonesSection</name>
    <message>
        <location filename="../../ui/session_form/zones.py" line="40"/>
        <source>Zones</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="52"/>
        <source>Zone to add</source>
        <translation>Zona que añadir</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="53"/>
        <location filename="../../ui/session_form/zones.py" line="54"/>
        <source>Add zone</source>
        <translation>Añadir zona</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="56"/>
        <source>Remove zone</source>
        <translation>Quitar zona</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="57"/>
        <source>Remove the selected zone</source>
        <translation>Quitar la zona seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="78"/>
        <source>Treated zones</source>
        <translation>Zonas tratadas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="96"/>
        <source>Selected zone</source>
        <translation>Zona seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="101"/>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="102"/>
        <source>Depth in millimetres</source>
        <translation>Profundidad en milímetros</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="105"/>
        <source>Typical depth for the zone</source>
        <translation>Profundidad habitual para la zona</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="109"/>
        <location filename="../../ui/session_form/zones.py" line="123"/>
        <source>Passes</source>
        <translation>Pasadas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="111"/>
        <source>e.g. 8</source>
        <translation>p. ej., 8</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="113"/>
        <source>Speed setting</source>
        <translation>Ajuste de velocidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="117"/>
        <source>Clinical endpoint</source>
        <translation>Punto final clínico</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="119"/>
        <source>Zone notes</source>
        <translation>Notas de la zona</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="120"/>
        <source>Depth</source>
        <translation>Profundidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="125"/>
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="127"/>
        <source>Endpoint</source>
        <translation>Punto final</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="129"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="193"/>
        <source>Add a zone, then set its depth and passes.</source>
        <translation>Añada una zona y después fije su profundidad y sus pasadas.</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="209"/>
        <source>&lt;b&gt;{zone}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{zone}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/session_form/zones.py" line="212"/>
        <source>typical {range}; warning above {bound} mm</source>
        <translation>habitual {range}; aviso por encima de {bound} mm</translation>
    </message>
    <message>
        <source>Depth refused</source>
        <translation>Profundidad rechazada</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <location filename="../../ui/complication_dialog.py" line="66"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="50"/>
        <source>Chairside</source>
        <translation>Chairside</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="51"/>
        <source>Something unexpected went wrong: {0}

Your saved records are safe. The details are in the log file in {1}.</source>
        <translation>Algo inesperado ha salido mal: {0}

Sus registros guardados están a salvo. Los detalles están en el archivo de registro de {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="210"/>
        <source>Encrypt the records</source>
        <translation>Cifrar los registros</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="214"/>
        <source>This clinic&apos;s database is not encrypted: anyone who copies the data folder can read it. Encrypt it now? An encrypted copy is checked row by row before it replaces the plain file.</source>
        <translation>La base de datos de esta clínica no está cifrada: cualquiera que copie la carpeta de datos puede leerla. ¿Cifrarla ahora? Antes de sustituir al archivo sin cifrar, se comprueba una copia cifrada fila por fila.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="226"/>
        <source>Your PIN or password, to protect the key:</source>
        <translation>Su PIN o contraseña, para proteger la clave:</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="245"/>
        <source>The database is encrypted. Overwrite and remove the {0} plain copies (the old file and unencrypted backups) now?</source>
        <translation>La base de datos está cifrada. ¿Sobrescribir y eliminar ahora las {0} copias sin cifrar (el archivo antiguo y las copias de seguridad sin cifrar)?</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="260"/>
        <source>Encrypted database</source>
        <translation>Base de datos cifrada</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="262"/>
        <source>Plain database (not encrypted)</source>
        <translation>Base de datos en claro (sin cifrar)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="263"/>
        <source>Database server (encryption at rest: the server&apos;s)</source>
        <translation>Servidor de base de datos (cifrado en reposo: el del servidor)</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="75"/>
        <source>Confirm the change</source>
        <translation>Confirmar el cambio</translation>
    </message>
    <message>
        <location filename="../../ui/clinical_rules_page.py" line="76"/>
        <source>Your PIN, to change a clinical rule:</source>
        <translation>Su PIN, para cambiar una regla clínica:</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <location filename="../../ui/tasks.py" line="48"/>
        <source>Something went wrong: {0}

The details are in the log file.</source>
        <translation>Algo ha salido mal: {0}

Los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="53"/>
        <source>Chairside</source>
        <translation>Chairside</translation>
    </message>
</context>
</TS>
