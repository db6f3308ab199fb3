import { Controller, Get, Req, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { GatewaySimulator } from '../gateway-simulator.js';
import { htmlAnswer, sendAnswer } from '../http/http-answer.js';
import { mountRoot, type SimulatorRequest } from '../http/simulator-request.js';
import { renderDashboard } from '../pages/dashboard-page.js';
import { simulatorSnapshot } from '../simulator-snapshot.js';

/** `GET /simulator`: the dashboard, for people; `GET /simulator/api/state` has the same as JSON. */
@Controller('simulator')
export class DashboardController {
  constructor(private readonly simulator: GatewaySimulator) {}

  @Get()
  dashboard(@Req() req: SimulatorRequest, @Res() res: ServerResponse): void {
    const root = mountRoot(req, '/simulator');
    sendAnswer(
      res,
      htmlAnswer(renderDashboard(simulatorSnapshot(this.simulator), root)),
    );
  }
}
