// Entry point: loads the styles and the font, then starts the app in #app (see app.ts).

import './styles/fonts.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import './styles/audit.css';
import './styles/plans.css';
import './styles/sync.css';
import './styles/reports.css';
import './styles/help.css';
import { createApp } from './app';

void createApp(document.getElementById('app') ?? document.body).start();
